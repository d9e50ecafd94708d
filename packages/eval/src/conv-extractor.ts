// A small seeded convolutional extractor: stride-2 3x3 convolutions with ReLU, then global
// average pooling. Freshly created it is the random-init baseline; its weights are tf.Variables
// so trainSupervised can train it end-to-end for the supervised ceiling when no trunk is given.
import * as tf from '@tensorflow/tfjs-core';
import { OptionError, rejectUnknownKeys, requirePositiveInt, requireNonNegativeInt, Rng } from '@mtssl/core';
import type { TrainableExtractor } from './extractor';

export interface ConvExtractorOptions {
  readonly inputSize: number;
  /** Output channels of each stride-2 convolution; the last is the feature dimension. */
  readonly widths: readonly number[];
  readonly seed: number;
}

export const CONV_EXTRACTOR_DEFAULTS: ConvExtractorOptions = Object.freeze({
  inputSize: 64,
  widths: Object.freeze([32, 64, 128]),
  seed: 0,
});

export function resolveConvExtractorOptions(partial: Partial<ConvExtractorOptions> = {}): ConvExtractorOptions {
  rejectUnknownKeys('conv extractor options', partial, Object.keys(CONV_EXTRACTOR_DEFAULTS));
  const o = { ...CONV_EXTRACTOR_DEFAULTS, ...partial };
  requirePositiveInt('inputSize', o.inputSize);
  requireNonNegativeInt('seed', o.seed);
  if (!Array.isArray(o.widths) || o.widths.length === 0) throw new OptionError(`widths must be a non-empty list of positive integers, got ${String(o.widths)}`);
  o.widths.forEach((w, i) => requirePositiveInt(`widths[${i}]`, w));
  if (o.inputSize < 2 ** o.widths.length) {
    throw new OptionError(`inputSize must be at least ${2 ** o.widths.length} for ${o.widths.length} stride-2 layers, got ${o.inputSize}`);
  }
  return Object.freeze({ ...o, widths: Object.freeze([...o.widths]) });
}

/** He-normal initial kernel [3, 3, cin, cout] from a seeded generator. */
function heKernel(rng: Rng, cin: number, cout: number): tf.Variable {
  const values = new Float32Array(9 * cin * cout);
  const std = Math.sqrt(2 / (9 * cin));
  for (let i = 0; i < values.length; i++) values[i] = rng.normal(0, std);
  return toVariable(tf.tensor4d(values, [3, 3, cin, cout]));
}

/** A variable from a fresh tensor; the tensor is disposed since the variable keeps its own reference. */
function toVariable(initial: tf.Tensor): tf.Variable {
  const v = tf.variable(initial, true);
  initial.dispose();
  return v;
}

export function createConvExtractor(partial: Partial<ConvExtractorOptions> = {}): TrainableExtractor {
  const o = resolveConvExtractorOptions(partial);
  const rng = Rng.from(o.seed, 'conv-extractor');
  const kernels: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  let cin = 3;
  for (const cout of o.widths) {
    kernels.push(heKernel(rng, cin, cout));
    biases.push(toVariable(tf.zeros([cout])));
    cin = cout;
  }
  return {
    id: `conv-random:in${o.inputSize}:w${o.widths.join('-')}:seed${o.seed}`,
    inputSize: o.inputSize,
    featureDim: cin,
    variables: [...kernels, ...biases],
    features: (batch) =>
      tf.tidy(() => {
        let x: tf.Tensor4D = batch;
        kernels.forEach((k, i) => {
          x = tf.relu(tf.add(tf.conv2d(x, k as tf.Tensor4D, 2, 'same'), biases[i] as tf.Variable)) as tf.Tensor4D;
        });
        return tf.mean(x, [1, 2]) as tf.Tensor2D;
      }),
    dispose: () => tf.dispose([...kernels, ...biases]),
  };
}
