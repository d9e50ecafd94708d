import { createHash } from 'node:crypto';
import type * as tf from '@tensorflow/tfjs-core';

/** Names weights by their content, so the feature cache can never confuse two trunks. */
export function weightsDigest(vars: readonly tf.Variable[]): string {
  const hash = createHash('sha256');
  for (const v of vars) {
    const data = v.dataSync() as Float32Array;
    hash.update(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  return hash.digest('hex').slice(0, 16);
}
