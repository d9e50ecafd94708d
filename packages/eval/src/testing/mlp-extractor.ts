// A trainable test extractor built only from ops whose gradients the trainer registers
// (reshape, matMul, add, relu), so supervised training can be tested on the CPU backend.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@mtssl/core';
import type { TrainableExtractor } from '../extractor';

export function createMlpExtractor(inputSize: number, featureDim: number, seed: number): TrainableExtractor {
  const inDim = inputSize * inputSize * 3;
  const rng = Rng.from(seed, 'mlp');
  const init = tf.tensor2d(Float32Array.from({ length: inDim * featureDim }, () => rng.normal(0, Math.sqrt(2 / inDim))), [inDim, featureDim]);
  const zeros = tf.zeros([featureDim]);
  const w = tf.variable(init, true);
  const b = tf.variable(zeros, true);
  tf.dispose([init, zeros]);
  return {
    id: `mlp:${inputSize}:${featureDim}:${seed}`,
    inputSize,
    featureDim,
    variables: [w, b],
    features: (batch) => tf.tidy(() => tf.relu(tf.add(tf.matMul(tf.reshape(batch, [batch.shape[0], inDim]), w), b)) as tf.Tensor2D),
    dispose: () => tf.dispose([w, b]),
  };
}
