// Colorization: per-position logits over the a/b bins, trained with a soft cross-entropy whose
// target is the sample's soft encoding, each pixel re-weighted by the rarity of its likeliest bin.
import * as tf from '@tensorflow/tfjs-core';
import { ModelOptions } from '../config';
import { ForwardContext } from '../context';
import { conv } from '../layers';
import { ColorizationBatch, HeadLoss } from '../batch';
import { softCrossEntropy } from '@mtssl/tfjs-wasm-training';

const PREFIX = 'head/colorization';

/** Logits [B, h, w, numBins]. */
export function colorizationForward(ctx: ForwardContext, options: ModelOptions, features: tf.Tensor4D): tf.Tensor4D {
  let x = tf.relu(conv(ctx, `${PREFIX}/conv1`, features, { out: options.heads.conv, kernel: 2, bias: true }));
  x = tf.relu(conv(ctx, `${PREFIX}/conv2`, x, { out: options.heads.conv, kernel: 1, bias: true }));
  return conv(ctx, `${PREFIX}/logits`, x, { out: options.numBins, kernel: 1, bias: true });
}

/** Dense target [B, h, w, numBins] from k (bin, weight) pairs per pixel. */
export function densifyTarget(bins: tf.Tensor4D, weights: tf.Tensor4D, numBins: number): tf.Tensor4D {
  return tf.sum(tf.mul(tf.oneHot(bins, numBins), tf.expandDims(weights, -1)), 3) as tf.Tensor4D;
}

export function colorizationLoss(logits: tf.Tensor4D, batch: ColorizationBatch): HeadLoss {
  const numBins = logits.shape[3];
  const target = densifyTarget(batch.bins, batch.weights, numBins);
  const likeliest = tf.argMax(target, 3); // [B, h, w]
  const pixelWeight = tf.mul(tf.gather(batch.rebalance, likeliest), tf.reshape(batch.sampleWeight, [-1, 1, 1]));
  const crossEntropy = softCrossEntropy(logits, target);
  const loss = tf.mean(tf.mul(crossEntropy, pixelWeight)) as tf.Scalar;
  const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 3), likeliest), 'float32')) as tf.Scalar;
  return { loss, metrics: { accuracy } };
}
