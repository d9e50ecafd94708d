import * as tf from '@tensorflow/tfjs-core';

/**
 * XNNPACK's GEMM streams the whole packed second operand once per block of output rows and has no blocking
 * along the inner dimension, so a long inner dimension (a filter gradient sums over every pixel of the batch)
 * runs from memory at about half speed once that operand outgrows the cache. Keep each call's second
 * operand near this size.
 */
export const GEMM_OPERAND_BYTES = 1 << 20;

/** The largest divisor of `total` that is at most `limit` (at least 1). */
export function largestDivisorAtMost(total: number, limit: number): number {
  for (let d = Math.max(1, Math.min(total, Math.floor(limit))); d > 1; d--) if (total % d === 0) return d;
  return 1;
}

/**
 * a^T . b for a [K, M] and b [K, N] as a sum of plain 2-D matmuls over chunks of K whose slice of b fits
 * GEMM_OPERAND_BYTES. a is transposed once, chunk-major, so every chunk's operands are contiguous rows.
 */
export function matMulTransposeA(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [k, m] = a.shape;
    const n = b.shape[1];
    const chunk = largestDivisorAtMost(k, Math.max(256, GEMM_OPERAND_BYTES / (4 * n)));
    const chunks = chunk >= Math.min(k, 256) ? k / chunk : 1;
    if (chunks === 1) return tf.matMul(tf.transpose(a), b);
    const aT = tf.transpose(tf.reshape(a, [chunks, chunk, m]), [0, 2, 1]);
    const b3 = tf.reshape(b, [chunks, chunk, n]);
    const parts: tf.Tensor2D[] = [];
    for (let c = 0; c < chunks; c++) {
      const ac = tf.reshape(tf.slice(aT, [c, 0, 0], [1, m, chunk]), [m, chunk]);
      const bc = tf.reshape(tf.slice(b3, [c, 0, 0], [1, chunk, n]), [chunk, n]);
      parts.push(tf.matMul(ac, bc));
    }
    return tf.addN(parts);
  });
}
