// The tensors one single-head training step consumes, per task. Images are float NHWC in [-1, 1].
import * as tf from '@tensorflow/tfjs-core';

export interface RelativePositionBatch {
  readonly task: 'relative-position';
  /** [2B, P, P, 3]: sample-major, centre then neighbour, so features re-pair by a reshape. */
  readonly images: tf.Tensor4D;
  /** int32 [B] in 0..7. */
  readonly labels: tf.Tensor1D;
}

export interface ColorizationBatch {
  readonly task: 'colorization';
  readonly images: tf.Tensor4D;
  /** int32 [B, h, w, k]: the k nearest bins per target pixel. */
  readonly bins: tf.Tensor4D;
  /** float32 [B, h, w, k]: soft-encoding weights, summing to 1 per pixel. */
  readonly weights: tf.Tensor4D;
  /** float32 [B]. */
  readonly sampleWeight: tf.Tensor1D;
  /** float32 [numBins]: class-rebalancing weight per bin. */
  readonly rebalance: tf.Tensor1D;
}

export interface ExemplarBatch {
  readonly task: 'exemplar';
  /** [3B, P, P, 3]: sample-major anchor, positive, negative. */
  readonly images: tf.Tensor4D;
}

export interface MotionBatch {
  readonly task: 'motion';
  readonly images: tf.Tensor4D;
  /** float32 [B, H, W, 1] in {0, 1}. */
  readonly mask: tf.Tensor4D;
}

export type TaskBatch = RelativePositionBatch | ColorizationBatch | ExemplarBatch | MotionBatch;

/** Tensors of a batch; `rebalance` is shared across batches and left alone. */
export function disposeBatch(batch: TaskBatch): void {
  const owned: tf.Tensor[] = [batch.images];
  if (batch.task === 'relative-position') owned.push(batch.labels);
  if (batch.task === 'colorization') owned.push(batch.bins, batch.weights, batch.sampleWeight);
  if (batch.task === 'motion') owned.push(batch.mask);
  tf.dispose(owned);
}

export interface HeadLoss {
  readonly loss: tf.Scalar;
  /** Accuracy-like figures (higher is better), each a scalar. */
  readonly metrics: Readonly<Record<string, tf.Scalar>>;
}
