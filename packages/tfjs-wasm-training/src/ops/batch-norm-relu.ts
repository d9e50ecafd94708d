import * as tf from '@tensorflow/tfjs-core';
import { type BatchNormReluOptions, checkChannelShapes, resolveBatchNormReluOptions } from './batch-norm-options';
import { channelMean } from './channel-mean';

export interface BatchNormReluResult {
  y: tf.Tensor4D;
  /** Batch mean per channel (for the moving averages; not differentiated). */
  mean: tf.Tensor1D;
  /** Biased batch variance per channel (for the moving averages; not differentiated). */
  variance: tf.Tensor1D;
}

/** y = [relu](x * scale + shift), with the per-channel affine folded so only three full-size passes run. */
function normalize(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, mean: tf.Tensor1D, variance: tf.Tensor1D, epsilon: number, relu: boolean): tf.Tensor4D {
  return tf.tidy(() => {
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, epsilon)));
    const shift = tf.sub(beta, tf.mul(mean, scale));
    const z = tf.add(tf.mul(x, scale), shift) as tf.Tensor4D;
    return relu ? tf.relu(z) : z;
  });
}

/** Analytic gradient of training-mode BN(+ReLU) from x, y and the batch statistics alone. */
function backward(dy: tf.Tensor4D, saved: tf.Tensor[], epsilon: number, relu: boolean): tf.Tensor[] {
  return tf.tidy(() => {
    const [x, y, gamma, mean, variance] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
    const count = x.size / x.shape[3];
    // y > 0 exactly where the pre-ReLU value was > 0, so y stands in for it.
    const dz = (relu ? tf.mul(dy, tf.step(y)) : dy) as tf.Tensor4D;
    const meanDz = channelMean(dz);
    // mean(dz * (x - mean)) without materialising x - mean.
    const meanDzCentred = tf.sub(channelMean(tf.mul(dz, x) as tf.Tensor4D), tf.mul(meanDz, mean));
    const rstd = tf.rsqrt(tf.add(variance, epsilon));
    const k = tf.mul(gamma, rstd);
    const c1 = tf.mul(tf.neg(tf.mul(k, tf.square(rstd))), meanDzCentred);
    // dx = k dz + c1 (x - mean) - k meanDz, with the per-channel terms folded into one shift.
    const shift = tf.sub(tf.neg(tf.mul(k, meanDz)), tf.mul(c1, mean));
    const dx = tf.add(tf.add(tf.mul(dz, k), tf.mul(x, c1)), shift);
    return [dx, tf.mul(tf.mul(meanDzCentred, count), rstd), tf.mul(meanDz, count)];
  });
}

/**
 * Training-mode batch norm (statistics over N, H, W) fused with ReLU. The custom gradient keeps only x, y,
 * gamma and the per-channel statistics alive between forward and backward, instead of every intermediate.
 */
export function batchNormRelu(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, options: BatchNormReluOptions = {}): BatchNormReluResult {
  const { epsilon, relu } = resolveBatchNormReluOptions(options);
  checkChannelShapes(x, { gamma, beta });
  let stats: [tf.Tensor1D, tf.Tensor1D] | undefined;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x4, gammaIn, betaIn, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const mean = channelMean(x4);
    const variance = channelMean(tf.squaredDifference(x4, mean) as tf.Tensor4D);
    const y = normalize(x4, gammaIn, betaIn, mean, variance, epsilon, relu);
    save([x4, y, gammaIn, mean, variance]);
    // customGrad returns one tensor and disposes the rest; keep the statistics past its scope.
    stats = [tf.keep(mean), tf.keep(variance)];
    return { value: y, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => backward(dy as tf.Tensor4D, saved, epsilon, relu) };
  });
  const y = op(x, gamma, beta) as tf.Tensor4D;
  const [keptMean, keptVariance] = stats!;
  // Clones join the caller's scope (tidy), unlike kept tensors.
  const mean = tf.clone(keptMean);
  const variance = tf.clone(keptVariance);
  keptMean.dispose();
  keptVariance.dispose();
  return { y, mean, variance };
}

/** Inference-mode batch norm (+ReLU) with the moving statistics. */
export function batchNormReluInference(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  movingMean: tf.Tensor1D,
  movingVariance: tf.Tensor1D,
  options: BatchNormReluOptions = {},
): tf.Tensor4D {
  const { epsilon, relu } = resolveBatchNormReluOptions(options);
  checkChannelShapes(x, { gamma, beta, movingMean, movingVariance });
  return normalize(x, gamma, beta, movingMean, movingVariance, epsilon, relu);
}
