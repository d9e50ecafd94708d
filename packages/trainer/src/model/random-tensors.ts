// Seeded noise tensors the tasks' random batches are made of (tests, benchmarks, the wasm memory check).
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@mtssl/core';

export interface RandomBatchSizes {
  readonly batchSize: number;
  readonly side: number;
  /** Colorization target side and bins. */
  readonly targetSide: number;
  readonly numBins: number;
}

export function uniform(rng: Rng, shape: number[], min = -1, max = 1): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(size);
  for (let i = 0; i < size; i++) v[i] = rng.uniform(min, max);
  return tf.tensor(v, shape);
}

export function ints(rng: Rng, shape: number[], max: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const v = new Int32Array(size);
  for (let i = 0; i < size; i++) v[i] = rng.int(0, max - 1);
  return tf.tensor(v, shape, 'int32');
}
