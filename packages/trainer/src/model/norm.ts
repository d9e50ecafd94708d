// Batch normalisation with ReLU for the trunk and heads. Training uses batch statistics and
// returns them so the caller can update the moving averages outside the gradient tape.
import * as tf from '@tensorflow/tfjs-core';

export interface NormOptions {
  epsilon?: number;
  relu?: boolean;
}

export interface NormResult {
  y: tf.Tensor4D;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

export function batchNormReluTrain(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, options: NormOptions = {}): NormResult {
  const { mean, variance } = tf.moments(x, [0, 1, 2]) as { mean: tf.Tensor1D; variance: tf.Tensor1D };
  const normed = tf.batchNorm4d(x, mean, variance, beta, gamma, options.epsilon ?? 1e-3);
  const y = options.relu === false ? normed : tf.relu(normed);
  return { y, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}

export function batchNormReluInfer(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  movingMean: tf.Tensor1D,
  movingVariance: tf.Tensor1D,
  options: NormOptions = {},
): tf.Tensor4D {
  const normed = tf.batchNorm4d(x, movingMean, movingVariance, beta, gamma, options.epsilon ?? 1e-3);
  return options.relu === false ? normed : tf.relu(normed);
}
