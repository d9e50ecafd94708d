import * as tf from '@tensorflow/tfjs-core';
import { OptionError, rejectUnknownKeys, requireBoolean } from '../validate';

export interface BatchNormReluOptions {
  /** Added to the variance before the square root. */
  epsilon?: number;
  /** Apply ReLU after the affine transform (pre-activation units do). */
  relu?: boolean;
}

export const BATCH_NORM_RELU_DEFAULTS: Readonly<Required<BatchNormReluOptions>> = Object.freeze({ epsilon: 1e-5, relu: true });

export function resolveBatchNormReluOptions(options: BatchNormReluOptions = {}): Required<BatchNormReluOptions> {
  rejectUnknownKeys('batchNormRelu', options, ['epsilon', 'relu']);
  const merged = { ...BATCH_NORM_RELU_DEFAULTS, ...options };
  if (typeof merged.epsilon !== 'number' || !Number.isFinite(merged.epsilon) || merged.epsilon <= 0) {
    throw new OptionError(`epsilon must be a positive number, got ${String(merged.epsilon)}`);
  }
  requireBoolean('relu', merged.relu);
  return merged;
}

/** Checks x is NHWC float32 and every per-channel tensor is [C]. */
export function checkChannelShapes(x: tf.Tensor, perChannel: Record<string, tf.Tensor>): void {
  if (x.rank !== 4) throw new OptionError(`batchNormRelu: x must be rank 4 (NHWC), got shape [${x.shape.join(', ')}]`);
  if (x.dtype !== 'float32') throw new OptionError(`batchNormRelu: x must be float32, got ${x.dtype}`);
  const channels = x.shape[3];
  for (const [name, t] of Object.entries(perChannel)) {
    if (t.rank !== 1 || t.shape[0] !== channels) {
      throw new OptionError(`batchNormRelu: ${name} must have shape [${channels}] to match x's channels, got [${t.shape.join(', ')}]`);
    }
  }
}
