// Sample fields to batch tensors, shared by the tasks' collate functions: uint8 images to float in
// [-1, 1] with one channel tiled to three, and plain stacking of numeric fields.
import * as tf from '@tensorflow/tfjs-core';
import { Sample } from '@mtssl/core';

export function images(samples: readonly Sample[], name: string, shape: readonly number[]): tf.Tensor4D {
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

export function stack(samples: readonly Sample[], name: string, dtype: 'int32' | 'float32', shape: number[]): tf.Tensor {
  const per = shape.reduce((a, b) => a * b, 1);
  const out = dtype === 'int32' ? new Int32Array(samples.length * per) : new Float32Array(samples.length * per);
  samples.forEach((sample, s) => out.set(sample[name] as Int32Array | Float32Array, s * per));
  return tf.tensor(out, [samples.length, ...shape], dtype);
}
