// Turns samples into one task's batch tensors: uint8 images to float in [-1, 1], one channel
// tiled to three, patch pairs and triplets laid out sample-major for the Siamese trunk pass.
import * as tf from '@tensorflow/tfjs-core';
import { Sample, SampleSchema, TaskName, checkSample, findField } from '@mtssl/core';
import { TaskBatch } from '../model/batch';

function images(samples: readonly Sample[], name: string, shape: readonly number[]): tf.Tensor4D {
  const channels = shape[shape.length - 1] as number;
  const pixels = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const perSample = pixels * 3;
  const out = new Float32Array(samples.length * perSample);
  samples.forEach((sample, s) => {
    const src = sample[name] as Uint8Array;
    const base = s * perSample;
    for (let p = 0; p < pixels; p++) {
      for (let c = 0; c < 3; c++) out[base + p * 3 + c] = (src[p * channels + (channels === 1 ? 0 : c)] as number) / 127.5 - 1;
    }
  });
  // Leading sample dimensions (pairs, triplets) fold into the batch, sample-major.
  const lead = shape.length === 4 ? (shape[0] as number) : 1;
  const side = shape.slice(shape.length - 3, shape.length - 1) as [number, number];
  return tf.tensor4d(out, [samples.length * lead, side[0], side[1], 3]);
}

function stack(samples: readonly Sample[], name: string, dtype: 'int32' | 'float32', shape: number[]): tf.Tensor {
  const per = shape.reduce((a, b) => a * b, 1);
  const out = dtype === 'int32' ? new Int32Array(samples.length * per) : new Float32Array(samples.length * per);
  samples.forEach((sample, s) => out.set(sample[name] as Int32Array | Float32Array, s * per));
  return tf.tensor(out, [samples.length, ...shape], dtype);
}

function maskTensor(samples: readonly Sample[], shape: readonly number[]): tf.Tensor4D {
  const per = (shape[0] as number) * (shape[1] as number);
  const out = new Float32Array(samples.length * per);
  samples.forEach((sample, s) => {
    const src = sample['mask'] as Uint8Array;
    for (let i = 0; i < per; i++) out[s * per + i] = (src[i] as number) > 0 ? 1 : 0;
  });
  return tf.tensor4d(out, [samples.length, shape[0] as number, shape[1] as number, 1]);
}

/** Builds one batch; `rebalance` (colorization) is shared and not owned by the batch. */
export function collate(task: TaskName, schema: SampleSchema, samples: readonly Sample[], rebalance?: tf.Tensor1D): TaskBatch {
  for (const sample of samples) checkSample(schema, sample, task);
  const shape = (name: string) => findField(schema, name).shape;
  switch (task) {
    case 'relative-position':
      return { task, images: images(samples, 'patches', shape('patches')), labels: stack(samples, 'label', 'int32', []) as tf.Tensor1D };
    case 'colorization': {
      if (!rebalance) throw new Error('colorization: collate needs the rebalance weights');
      const target = [...shape('ab_bins')];
      return {
        task,
        images: images(samples, 'input', shape('input')),
        bins: stack(samples, 'ab_bins', 'int32', target) as tf.Tensor4D,
        weights: stack(samples, 'ab_weights', 'float32', target) as tf.Tensor4D,
        sampleWeight: stack(samples, 'sample_weight', 'float32', []) as tf.Tensor1D,
        rebalance,
      };
    }
    case 'exemplar':
      return { task, images: images(samples, 'views', shape('views')) };
    case 'motion':
      return { task, images: images(samples, 'frame', shape('frame')), mask: maskTensor(samples, shape('mask')) };
  }
}
