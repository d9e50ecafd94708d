import * as tf from '@tensorflow/tfjs-core';

/**
 * Sum over the first `count` axes (a bias gradient: NHWC summed to C). wasm reduces only innermost axes and
 * transposes the whole tensor first; an average pool over [rest of the leading axes, 1] keeps the channels
 * innermost and leaves a small [first axis, C] sum.
 */
function sumLeadingAxes(dy: tf.Tensor, count: number): tf.Tensor {
  const lead = dy.shape.slice(0, count);
  const first = lead[0] as number;
  const rest = lead.slice(1).reduce((a, b) => a * b, 1);
  const inner = dy.size / (first * rest);
  if (rest === 1) return tf.sum(tf.reshape(dy, [first, inner]), 0);
  const pooled = tf.avgPool(tf.reshape(dy, [first, rest, 1, inner]) as tf.Tensor4D, [rest, 1], 1, 'valid');
  return tf.mul(tf.sum(tf.reshape(pooled, [first, inner]), 0), rest);
}

/** Sums a broadcast gradient back down to the shape of the input it came from. */
export function reduceToShape(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.broadcast_util.getReductionAxes(shape, dy.shape);
  if (axes.length === 0) return tf.reshape(dy, shape);
  const leading = axes.length > 1 && axes.every((a, i) => a === i);
  return tf.reshape(leading ? sumLeadingAxes(dy, axes.length) : tf.sum(dy, axes), shape);
}

/** Broadcasts a reduced gradient (axes removed) back over x's shape. */
export function expandToShape(dy: tf.Tensor, shape: number[], axes: number[]): tf.Tensor {
  const kept = shape.map((size, i) => (axes.includes(i) ? 1 : size));
  // Adding to zeros broadcasts with one fast binary kernel; tile/broadcastTo are scalar loops on wasm.
  return tf.add(tf.zeros(shape), tf.reshape(dy, kept));
}
