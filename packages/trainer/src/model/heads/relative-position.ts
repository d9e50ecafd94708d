// Relative position: the trunk sees every patch (Siamese), the pair's features are joined by
// re-pairing the batch, then fully connected residual units and an 8-way softmax.
import * as tf from '@tensorflow/tfjs-core';
import { ModelOptions } from '../config';
import { ForwardContext } from '../context';
import { dense } from '../layers';
import { HeadLoss, RelativePositionBatch } from '../batch';
import { flatten, residualHead } from './residual-head';

const PREFIX = 'head/relative-position';
export const RELATIVE_POSITION_CLASSES = 8;
const FC_UNITS = 3;

/** Logits [B, 8] from block-3 features of 2B patches (sample-major: centre, neighbour). */
export function relativePositionForward(ctx: ForwardContext, options: ModelOptions, features: tf.Tensor4D): tf.Tensor2D {
  const perPatch = flatten(residualHead(ctx, PREFIX, options.heads, features));
  const pairs = tf.reshape(perPatch, [perPatch.shape[0] / 2, perPatch.shape[1] * 2]) as tf.Tensor2D;
  let x = dense(ctx, `${PREFIX}/fc0`, pairs, options.heads.fc);
  for (let i = 1; i <= FC_UNITS; i++) {
    const h = dense(ctx, `${PREFIX}/fc${i}a`, tf.relu(x), options.heads.fc);
    x = tf.add(x, dense(ctx, `${PREFIX}/fc${i}b`, tf.relu(h), options.heads.fc));
  }
  return dense(ctx, `${PREFIX}/logits`, tf.relu(x), RELATIVE_POSITION_CLASSES);
}

export function relativePositionLoss(logits: tf.Tensor2D, batch: RelativePositionBatch): HeadLoss {
  const labels = tf.oneHot(batch.labels, RELATIVE_POSITION_CLASSES);
  const loss = tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), batch.labels), 'float32')) as tf.Scalar;
  return { loss, metrics: { accuracy } };
}
