// Adapts the trainer's trunk to the extractor interface everything in eval is written against:
// block-3 features (through the evaluation lasso row when the run used lasso), global-average-pooled.
import * as tf from '@tensorflow/tfjs-core';
import type { Trunk } from '@mtssl/trainer';
import type { TrainableExtractor } from './extractor';

export interface TrunkExtractorOptions {
  /** Identifies the weights (e.g. the run folder and checkpoint step); part of the feature cache key. */
  readonly id: string;
  /** Square side the probe feeds the trunk, in pixels. */
  readonly inputSize: number;
}

export function trunkExtractor(trunk: Trunk, options: TrunkExtractorOptions): TrainableExtractor {
  if (!Number.isInteger(options.inputSize) || options.inputSize <= 0) {
    throw new Error(`inputSize must be a positive integer, got ${options.inputSize}`);
  }
  return {
    id: options.id,
    inputSize: options.inputSize,
    featureDim: trunk.options.widths[2],
    features: (batch) => tf.tidy(() => tf.mean(trunk.features(batch), [1, 2]) as tf.Tensor2D),
    variables: trunk.variables,
    dispose: () => trunk.dispose(),
  };
}
