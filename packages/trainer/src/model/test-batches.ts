// Random batches of the right shapes for each task, for tests, benchmarks and the wasm memory check.
import * as tf from '@tensorflow/tfjs-core';
import { Rng, TaskName } from '@mtssl/core';
import { TaskBatch } from './batch';

export interface RandomBatchSizes {
  readonly batchSize: number;
  readonly side: number;
  /** Colorization target side and bins. */
  readonly targetSide: number;
  readonly numBins: number;
}

function uniform(rng: Rng, shape: number[], min = -1, max = 1): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(size);
  for (let i = 0; i < size; i++) v[i] = rng.uniform(min, max);
  return tf.tensor(v, shape);
}

function ints(rng: Rng, shape: number[], max: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const v = new Int32Array(size);
  for (let i = 0; i < size; i++) v[i] = rng.int(0, max - 1);
  return tf.tensor(v, shape, 'int32');
}

/** A batch of uniform noise with valid labels; `rebalance` is created too and owned by the caller. */
export function randomBatch(task: TaskName, sizes: RandomBatchSizes, seed = 1): TaskBatch {
  const rng = Rng.from(seed, 'random-batch', task);
  const { batchSize: b, side: s } = sizes;
  switch (task) {
    case 'relative-position':
      return { task, images: uniform(rng, [2 * b, s, s, 3]) as tf.Tensor4D, labels: ints(rng, [b], 8) as tf.Tensor1D };
    case 'colorization': {
      const t = sizes.targetSide;
      const weights = tf.tidy(() => tf.softmax(uniform(rng, [b, t, t, 2], -2, 2))) as tf.Tensor4D;
      return {
        task,
        images: uniform(rng, [b, s, s, 3]) as tf.Tensor4D,
        bins: ints(rng, [b, t, t, 2], sizes.numBins) as tf.Tensor4D,
        weights,
        sampleWeight: tf.ones([b]) as tf.Tensor1D,
        rebalance: uniform(rng, [sizes.numBins], 0.5, 2) as tf.Tensor1D,
      };
    }
    case 'exemplar':
      return { task, images: uniform(rng, [3 * b, s, s, 3]) as tf.Tensor4D };
    case 'motion':
      return { task, images: uniform(rng, [b, s, s, 3]) as tf.Tensor4D, mask: tf.tidy(() => tf.round(uniform(rng, [b, s, s, 1], 0, 1))) as tf.Tensor4D };
  }
}
