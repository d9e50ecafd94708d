import * as tf from '@tensorflow/tfjs-core';

/**
 * Mean over the first `count` axes (e.g. NHWC -> C). wasm reduces only innermost axes and transposes the
 * whole tensor first (a full copy for a per-channel sum); an average pool over [rest of the leading axes, 1]
 * keeps the trailing axes innermost and leaves a small [first axis, rest] mean.
 */
export function meanOverLeadingAxes(x: tf.Tensor, count: number): tf.Tensor {
  return tf.tidy(() => {
    const lead = x.shape.slice(0, count);
    const first = lead[0] as number;
    const rest = lead.slice(1).reduce((a, b) => a * b, 1);
    const inner = x.size / (first * rest);
    const perFirst = rest === 1 ? tf.reshape(x, [first, inner]) : tf.reshape(tf.avgPool(tf.reshape(x, [first, rest, 1, inner]) as tf.Tensor4D, [rest, 1], 1, 'valid'), [first, inner]);
    return tf.reshape(tf.mean(perFirst, 0), x.shape.slice(count));
  });
}

/** Per-channel mean over N, H and W of an NHWC tensor. */
export function channelMean(x: tf.Tensor4D): tf.Tensor1D {
  return meanOverLeadingAxes(x, 3) as tf.Tensor1D;
}
