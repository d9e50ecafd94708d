import * as tf from '@tensorflow/tfjs-core';

/**
 * Cross-entropy against soft targets over the last axis: -sum(target * logSoftmax(logits)), one value per
 * position. One exp serves both passes: the gradient, (softmax * sum(target) - target) * dy, reuses the
 * forward's exponentials, where logSoftmax's own gradient computes them again (on wasm, exp over the
 * colorization head's 313 bins is a scalar loop and was the largest elementwise cost of its step).
 */
export function softCrossEntropy(logits: tf.Tensor, target: tf.Tensor): tf.Tensor {
  if (logits.rank < 1 || logits.shape.join() !== target.shape.join()) {
    throw new Error(`softCrossEntropy: logits and target must have the same shape, got [${logits.shape.join(', ')}] and [${target.shape.join(', ')}]`);
  }
  const axis = logits.rank - 1;
  // The target is a constant of the loss (no gradient is asked of it), so it is closed over, not an input.
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [z, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const shifted = tf.sub(z, tf.max(z, axis, true));
    const exps = tf.exp(shifted);
    const sumExp = tf.sum(exps, axis, true);
    const targetSum = tf.sum(target, axis, true);
    // sum(t * (log sumExp - shifted)) = sum(t) * log(sumExp) - sum(t * shifted)
    const value = tf.sub(tf.squeeze(tf.mul(targetSum, tf.log(sumExp)), [axis]), tf.sum(tf.mul(target, shifted), axis));
    save([exps, sumExp, targetSum, target]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [e, s, ts, tt] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        const dyk = tf.expandDims(dy, axis);
        // e * (dy * sum(t) / sumExp) - t * dy: the two per-position factors are small tensors
        const dz = tf.sub(tf.mul(e, tf.div(tf.mul(dyk, ts), s)), tf.mul(tt, dyk));
        return [dz];
      },
    };
  });
  return op(logits);
}
