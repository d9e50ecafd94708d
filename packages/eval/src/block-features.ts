// Global-average-pooled features of blocks 1, 2 and 3 of a frozen trunk for a pixel set, in one
// forward pass per batch: the per-block probe reads all three from the same pass.
import * as tf from '@tensorflow/tfjs-core';
import type { Trunk } from '@mtssl/trainer';
import { pixelsAsInput, type PixelSet } from './pixel-set';

export interface BlockFeatures {
  /** Per block (1, 2, 3): row-major [count, dim]. */
  readonly data: readonly Float32Array[];
  readonly dims: readonly number[];
}

export function blockFeatures(trunk: Trunk, set: PixelSet, batchSize = 256): BlockFeatures {
  const dims = [...trunk.options.widths];
  const data = dims.map((d) => new Float32Array(set.count * d));
  for (let start = 0; start < set.count; start += batchSize) {
    const n = Math.min(batchSize, set.count - start);
    const pooled = tf.tidy(() => trunk.blockFeatures(tf.tensor4d(pixelsAsInput(set, start, n), [n, set.size, set.size, 3])).map((f) => tf.mean(f, [1, 2])));
    pooled.forEach((p, b) => (data[b] as Float32Array).set(p.dataSync() as Float32Array, start * (dims[b] as number)));
    tf.dispose(pooled);
  }
  return { data, dims };
}
