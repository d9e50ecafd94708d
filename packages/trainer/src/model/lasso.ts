// Lasso over block 3: each task (and evaluation) reads sum_m alpha[m] * unit_m instead of the last
// unit alone; an L1 penalty on alpha lets each task settle on few layers.
import * as tf from '@tensorflow/tfjs-core';
import { ParamRegistry } from './params';

export const EVAL_LASSO_ROW = 'eval';

export function lassoName(row: string): string {
  return `lasso/${row}`;
}

/** Starts as the mean of the unit outputs, so no layer is favoured before training. */
export function lassoAlpha(params: ParamRegistry, row: string, units: number): tf.Variable {
  return params.get(lassoName(row), [units], { kind: 'const', value: 1 / units });
}

export function lassoCombine(alpha: tf.Tensor1D, outputs: tf.Tensor4D[]): tf.Tensor4D {
  // a chain of adds rather than addN: Add has a registered gradient on every backend
  return outputs.map((o, m) => tf.mul(o, tf.slice(alpha, [m], [1]))).reduce((sum, t) => tf.add(sum, t)) as tf.Tensor4D;
}

export function lassoPenalty(alpha: tf.Tensor1D, weight: number): tf.Scalar {
  return tf.mul(tf.sum(tf.abs(alpha)), weight);
}
