// Parameterised layers built from tfjs-core ops. Each looks up (or creates) its variables by name.
import * as tf from '@tensorflow/tfjs-core';
import { ForwardContext } from './context';
import { batchNormReluInfer, batchNormReluTrain } from './norm';

export interface ConvSpec {
  readonly out: number;
  readonly kernel: number;
  readonly stride?: number;
  readonly rate?: number;
  readonly bias?: boolean;
}

export function conv(ctx: ForwardContext, name: string, x: tf.Tensor4D, spec: ConvSpec): tf.Tensor4D {
  const inCh = x.shape[3];
  const w = ctx.params.get(`${name}/kernel`, [spec.kernel, spec.kernel, inCh, spec.out], { kind: 'he', fanIn: spec.kernel * spec.kernel * inCh });
  const stride = spec.stride ?? 1;
  const rate = spec.rate ?? 1;
  if (rate > 1 && stride > 1) throw new Error(`${name}: a dilated convolution cannot also be strided`);
  // the kernels package's Conv2D gradient handles dilation (tfjs-core's does not)
  let y = tf.conv2d(x, w as tf.Tensor4D, stride, 'same', 'NHWC', rate);
  if (spec.bias) y = tf.add(y, ctx.params.get(`${name}/bias`, [spec.out], { kind: 'const', value: 0 }));
  return y;
}

export function dense(ctx: ForwardContext, name: string, x: tf.Tensor2D, out: number): tf.Tensor2D {
  const inDim = x.shape[1];
  const w = ctx.params.get(`${name}/kernel`, [inDim, out], { kind: 'he', fanIn: inDim });
  const b = ctx.params.get(`${name}/bias`, [out], { kind: 'const', value: 0 });
  return tf.add(tf.matMul(x, w as tf.Tensor2D), b);
}

/** Batch norm (+ ReLU): batch statistics in training, moving averages otherwise. */
export function norm(ctx: ForwardContext, name: string, x: tf.Tensor4D, relu = true): tf.Tensor4D {
  const ch = x.shape[3];
  const gamma = ctx.params.get(`${name}/gamma`, [ch], { kind: 'const', value: 1 }) as tf.Tensor1D;
  const beta = ctx.params.get(`${name}/beta`, [ch], { kind: 'const', value: 0 }) as tf.Tensor1D;
  const movingMean = ctx.params.get(`${name}/moving_mean`, [ch], { kind: 'const', value: 0 }, false);
  const movingVariance = ctx.params.get(`${name}/moving_variance`, [ch], { kind: 'const', value: 1 }, false);
  if (!ctx.training) return batchNormReluInfer(x, gamma, beta, movingMean as tf.Tensor1D, movingVariance as tf.Tensor1D, { relu });
  const { y, mean, variance } = batchNormReluTrain(x, gamma, beta, { relu });
  ctx.statUpdates.push({ movingMean, movingVariance, mean: tf.keep(mean), variance: tf.keep(variance) });
  return y;
}
