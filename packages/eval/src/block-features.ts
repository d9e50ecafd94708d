// Global-average-pooled features of blocks 1, 2 and 3 of a frozen trunk for a pixel set, in one
// forward pass per batch: the per-block probe reads all three from the same pass.
import * as tf from '@tensorflow/tfjs-core';
import type { Trunk } from '@mtssl/trainer';
import type { PixelSet } from './pixel-set';

export interface BlockFeatures {
  /** Per block (1, 2, 3): row-major [count, dim]. */
  readonly data: readonly Float32Array[];
  readonly dims: readonly number[];
}

/** uint8 0..255 to the trunk's [-1, 1] input, as the trainer feeds it. */
function toInput(set: PixelSet, start: number, n: number): tf.Tensor4D {
  const per = set.size * set.size * 3;
  const src = set.pixels.subarray(start * per, (start + n) * per);
  const x = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) x[i] = (src[i] as number) / 127.5 - 1;
  return tf.tensor4d(x, [n, set.size, set.size, 3]);
}

export function blockFeatures(trunk: Trunk, set: PixelSet, batchSize = 256): BlockFeatures {
  const dims = [...trunk.options.widths];
  const data = dims.map((d) => new Float32Array(set.count * d));
  for (let start = 0; start < set.count; start += batchSize) {
    const n = Math.min(batchSize, set.count - start);
    const pooled = tf.tidy(() => trunk.blockFeatures(toInput(set, start, n)).map((f) => tf.mean(f, [1, 2])));
    pooled.forEach((p, b) => (data[b] as Float32Array).set(p.dataSync() as Float32Array, start * (dims[b] as number)));
    tf.dispose(pooled);
  }
  return { data, dims };
}
