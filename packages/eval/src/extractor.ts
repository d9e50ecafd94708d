// The one thing eval needs from a trunk: pooled features for a batch of images. Everything in
// eval is written against this so it works before (and independently of) the trainer's trunk.
import type * as tf from '@tensorflow/tfjs-core';

export interface FeatureExtractor {
  /** Identifies the weights and architecture; part of the feature cache key. */
  readonly id: string;
  /** Square input side in pixels. */
  readonly inputSize: number;
  /** Length of one pooled feature vector. */
  readonly featureDim: number;
  /** Images NHWC, 3 channels, values in [-1, 1] -> pooled features [N, featureDim]. Caller disposes. */
  features(batch: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

/** An extractor whose weights can be trained end-to-end (the supervised ceiling). */
export interface TrainableExtractor extends FeatureExtractor {
  readonly variables: readonly tf.Variable[];
}
