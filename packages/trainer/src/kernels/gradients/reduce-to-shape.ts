import * as tf from '@tensorflow/tfjs-core';

/** Sums a broadcast gradient back down to the shape of the input it came from. */
export function reduceToShape(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.broadcast_util.getReductionAxes(shape, dy.shape);
  const summed = axes.length > 0 ? tf.sum(dy, axes) : dy;
  return tf.reshape(summed, shape);
}

/** Broadcasts a reduced gradient (axes removed) back over x's shape. */
export function expandToShape(dy: tf.Tensor, shape: number[], axes: number[]): tf.Tensor {
  const kept = shape.map((size, i) => (axes.includes(i) ? 1 : size));
  // Adding to zeros broadcasts with one fast binary kernel; tile/broadcastTo are scalar loops on wasm.
  return tf.add(tf.zeros(shape), tf.reshape(dy, kept));
}
