// Strided subsampling without pooling kernels.
import * as tf from '@tensorflow/tfjs-core';

/**
 * Every stride-th pixel (what a 1x1 max pool with 'same' padding picks), by reshapes and two rank-4
 * slices: cheaper than a 1x1 max pool and its gradient, and wasm's rank-6 slice is a slow scalar loop.
 */
export function subsample(x: tf.Tensor4D, stride: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const oh = Math.ceil(h / stride);
  const ow = Math.ceil(w / stride);
  const padded = oh * stride === h && ow * stride === w ? x : tf.pad(x, [[0, 0], [0, oh * stride - h], [0, ow * stride - w], [0, 0]]);
  const rows = tf.slice(tf.reshape(padded, [n, oh, stride, ow * stride * c]), [0, 0, 0, 0], [n, oh, 1, ow * stride * c]);
  const cols = tf.slice(tf.reshape(rows, [n, oh, ow, stride * c]), [0, 0, 0, 0], [n, oh, ow, c]);
  return cols as tf.Tensor4D;
}
