// Per-task trunk gradient normalisation: each task's gradient on the shared trunk scaled to one common
// L2 norm before its optimizer step. With RMSProp's epsilon at 1 an update is about lr x gradient, so
// without it a task's pull on the trunk follows the size of its loss's gradient (relative position's
// starts ~26x colorization's on the small preset); with it every task moves the trunk by the same amount.
import * as tf from '@tensorflow/tfjs-core';

/** Below this norm a gradient counts as zero (and stays zero) rather than being divided by ~0. */
const TINY_NORM = 1e-12;

/**
 * `grads` with the entries named in `trunk` scaled together to L2 norm `target` (the others as given).
 * Returns the new map and the tensors it created, for the caller to dispose with the step's. The scale
 * stays a tensor: no read back to JS on the step's path.
 */
export function scaleTrunkGradients(grads: tf.NamedTensorMap, trunk: ReadonlySet<string>, target: number): { grads: tf.NamedTensorMap; created: tf.Tensor[] } {
  const names = Object.keys(grads).filter((n) => trunk.has(n));
  if (names.length === 0) return { grads, created: [] };
  const scale = tf.tidy(() => {
    const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n] as tf.Tensor)))));
    return tf.div(target, tf.maximum(norm, TINY_NORM));
  });
  const scaled: tf.NamedTensorMap = { ...grads };
  const created = names.map((n) => (scaled[n] = tf.mul(grads[n] as tf.Tensor, scale)));
  scale.dispose();
  return { grads: scaled, created };
}
