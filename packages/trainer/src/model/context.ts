// What a forward pass carries: the parameters, the mode, and (in training) the batch statistics
// whose moving averages are updated after the gradient step, outside the tape.
import * as tf from '@tensorflow/tfjs-core';
import { ParamRegistry } from './params';

export interface MovingStatUpdate {
  readonly movingMean: tf.Variable;
  readonly movingVariance: tf.Variable;
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
}

export interface ForwardContext {
  readonly params: ParamRegistry;
  readonly training: boolean;
  /** Filled during a training forward; tensors are kept (tf.keep) and must be disposed by the caller. */
  readonly statUpdates: MovingStatUpdate[];
}

export function forwardContext(params: ParamRegistry, training: boolean): ForwardContext {
  return { params, training, statUpdates: [] };
}

/** moving = momentum * moving + (1 - momentum) * batch; disposes the batch statistics. */
export function applyMovingStats(updates: MovingStatUpdate[], momentum: number): void {
  tf.tidy(() => {
    for (const u of updates) {
      u.movingMean.assign(tf.add(tf.mul(u.movingMean, momentum), tf.mul(u.mean, 1 - momentum)));
      u.movingVariance.assign(tf.add(tf.mul(u.movingVariance, momentum), tf.mul(u.variance, 1 - momentum)));
    }
  });
  disposeStatUpdates(updates);
}

export function disposeStatUpdates(updates: MovingStatUpdate[]): void {
  for (const u of updates) tf.dispose([u.mean, u.variance]);
  updates.length = 0;
}
