// Exemplar: the residual head's flattened, L2-normalised feature is an embedding; the triplet
// loss pulls two views of one seed together and pushes a view of another seed away (the triplet's
// own negative, or with batch-hard the closest other seed in the batch).
import * as tf from '@tensorflow/tfjs-core';
import { ExemplarNegatives, ModelOptions } from '../config';
import { ForwardContext } from '../context';
import { ExemplarBatch, HeadLoss } from '../batch';
import { flatten, residualHead } from './residual-head';

const PREFIX = 'head/exemplar';
export const EXEMPLAR_MARGIN = 0.5;

/** Unit-length embeddings [3B, D] (sample-major: anchor, positive, negative). */
export function exemplarForward(ctx: ForwardContext, options: ModelOptions, features: tf.Tensor4D): tf.Tensor2D {
  const flat = flatten(residualHead(ctx, PREFIX, options.heads, features));
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(flat), 1, true), 1e-12));
  return tf.div(flat, norm);
}

/** Squared Euclidean distance between unit vectors, in [0, 4]. */
function distance(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.square(tf.sub(a, b)), 1);
}

/**
 * For each anchor, the squared distance to the closest embedding of another seed in the batch: every
 * anchor, positive and negative of the other triplets, and its own negative. Unit vectors make the
 * distance 2 - 2 cos; excluded entries get a distance above any real one before the minimum.
 */
function hardestNegative(a: tf.Tensor2D, embeddings: tf.Tensor2D): tf.Tensor1D {
  const b = a.shape[0];
  const own = tf.buffer([b, 3 * b], 'float32');
  for (let i = 0; i < b; i++) {
    own.set(8, i, 3 * i);
    own.set(8, i, 3 * i + 1);
  }
  const d = tf.sub(2, tf.mul(2, tf.matMul(a, embeddings, false, true)));
  return tf.min(tf.add(d, own.toTensor()), 1);
}

export function exemplarLoss(embeddings: tf.Tensor2D, _batch: ExemplarBatch, negatives: ExemplarNegatives = 'paired', margin = EXEMPLAR_MARGIN): HeadLoss {
  const triplets = tf.reshape(embeddings, [-1, 3, embeddings.shape[1]]);
  const [a, p, n] = tf.unstack(triplets, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const dPos = distance(a, p);
  const dNeg = negatives === 'batch-hard' ? hardestNegative(a, embeddings) : distance(a, n);
  const loss = tf.mean(tf.relu(tf.add(tf.sub(dPos, dNeg), margin))) as tf.Scalar;
  const accuracy = tf.mean(tf.cast(tf.less(dPos, dNeg), 'float32')) as tf.Scalar;
  return { loss, metrics: { accuracy } };
}
