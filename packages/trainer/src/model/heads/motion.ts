// Motion segmentation: one logit per output position, trained against the moving-pixel mask
// averaged down to the output resolution (a soft target).
import * as tf from '@tensorflow/tfjs-core';
import { ModelOptions, outputStride } from '../config';
import { ForwardContext } from '../context';
import { conv } from '../layers';
import { HeadLoss, MotionBatch } from '../batch';

const PREFIX = 'head/motion';

/** Logits [B, h, w, 1]. */
export function motionForward(ctx: ForwardContext, options: ModelOptions, features: tf.Tensor4D): tf.Tensor4D {
  let x = tf.relu(conv(ctx, `${PREFIX}/conv1`, features, { out: options.heads.conv, kernel: 1, bias: true }));
  x = tf.relu(conv(ctx, `${PREFIX}/conv2`, x, { out: options.heads.conv, kernel: 1, bias: true }));
  return conv(ctx, `${PREFIX}/logits`, x, { out: 1, kernel: 1, bias: true });
}

export function motionTarget(mask: tf.Tensor4D, stride: number): tf.Tensor4D {
  return tf.avgPool(mask, stride, stride, 'same');
}

export function motionLoss(logits: tf.Tensor4D, batch: MotionBatch, options: ModelOptions): HeadLoss {
  const target = motionTarget(batch.mask, outputStride(options));
  const loss = tf.losses.sigmoidCrossEntropy(target, logits) as tf.Scalar;
  const predicted = tf.greater(logits, 0);
  const truth = tf.greater(target, 0.5);
  const accuracy = tf.mean(tf.cast(tf.equal(predicted, truth), 'float32')) as tf.Scalar;
  const inter = tf.sum(tf.cast(tf.logicalAnd(predicted, truth), 'float32'));
  const union = tf.sum(tf.cast(tf.logicalOr(predicted, truth), 'float32'));
  // An empty union (no motion predicted or present) counts as a perfect overlap.
  const iou = tf.where(tf.greater(union, 0), tf.div(inter, tf.maximum(union, 1)), tf.scalar(1)) as tf.Scalar;
  return { loss, metrics: { accuracy, iou } };
}
