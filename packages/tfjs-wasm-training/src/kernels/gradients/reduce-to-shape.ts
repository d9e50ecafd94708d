import * as tf from '@tensorflow/tfjs-core';
import { meanOverLeadingAxes } from '../../ops/channel-mean';

/** Sums a broadcast gradient back down to the shape of the input it came from. */
export function reduceToShape(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.broadcast_util.getReductionAxes(shape, dy.shape);
  if (axes.length === 0) return tf.reshape(dy, shape);
  // Leading axes (a bias gradient): pooled, since wasm would transpose the whole tensor to reduce them.
  const leading = axes.length > 1 && axes.every((a, i) => a === i);
  const count = dy.shape.slice(0, axes.length).reduce((a, b) => a * b, 1);
  return tf.reshape(leading ? tf.mul(meanOverLeadingAxes(dy, axes.length), count) : tf.sum(dy, axes), shape);
}

/** Broadcasts a reduced gradient (axes removed) back over x's shape. */
export function expandToShape(dy: tf.Tensor, shape: number[], axes: number[]): tf.Tensor {
  const kept = shape.map((size, i) => (axes.includes(i) ? 1 : size));
  // Adding to zeros broadcasts with one fast binary kernel; tile/broadcastTo are scalar loops on wasm.
  return tf.add(tf.zeros(shape), tf.reshape(dy, kept));
}
