// The tensors one single-head training step consumes, per task. Images are float NHWC in [-1, 1].
import * as tf from '@tensorflow/tfjs-core';
import { TaskName } from '@mtssl/core';

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

/** Each task's batch by name: a task missing here is a compile error wherever a batch is looked up. */
export interface TaskBatches {
  readonly 'relative-position': RelativePositionBatch;
  readonly colorization: ColorizationBatch;
  readonly exemplar: ExemplarBatch;
  readonly motion: MotionBatch;
}

export type BatchOf<K extends TaskName> = TaskBatches[K];

export type TaskBatch = BatchOf<TaskName>;

export interface HeadLoss {
  readonly loss: tf.Scalar;
  /** Accuracy-like figures (higher is better), each a scalar. */
  readonly metrics: Readonly<Record<string, tf.Scalar>>;
}
