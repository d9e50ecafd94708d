// Exemplar: the residual head's flattened, L2-normalised feature is an embedding; the triplet
// loss pulls two views of one seed together and pushes a view of another seed away.
import * as tf from '@tensorflow/tfjs-core';
import { ModelOptions } from '../config';
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

export function exemplarLoss(embeddings: tf.Tensor2D, _batch: ExemplarBatch, margin = EXEMPLAR_MARGIN): HeadLoss {
  const triplets = tf.reshape(embeddings, [-1, 3, embeddings.shape[1]]);
  const [a, p, n] = tf.unstack(triplets, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const dPos = distance(a, p);
  const dNeg = distance(a, n);
  const loss = tf.mean(tf.relu(tf.add(tf.sub(dPos, dNeg), margin))) as tf.Scalar;
  const accuracy = tf.mean(tf.cast(tf.less(dPos, dNeg), 'float32')) as tf.Scalar;
  return { loss, metrics: { accuracy } };
}
