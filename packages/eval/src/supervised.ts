// The supervised ceiling: train an extractor end-to-end with a linear softmax head on labelled
// images. The result is a new extractor (same weights object, new id naming the trained weights)
// that the linear probe then evaluates like any other trunk.
import * as tf from '@tensorflow/tfjs-core';
import { OptionError, Rng } from '@mtssl/core';
import { weightsDigest } from './weights-digest';
import type { TrainableExtractor } from './extractor';
import { resolveSupervisedOptions, type SupervisedOptions } from './supervised-options';

export interface SupervisedData {
  /** NHWC [labels.length, inputSize, inputSize, 3], values in [-1, 1]. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly numClasses: number;
}

export interface SupervisedResult {
  readonly extractor: TrainableExtractor;
  /** Mean training loss per epoch. */
  readonly losses: readonly number[];
  readonly options: SupervisedOptions;
}

function checkData(e: TrainableExtractor, d: SupervisedData): void {
  const per = e.inputSize * e.inputSize * 3;
  if (d.labels.length === 0) throw new OptionError('trainSupervised: no training images');
  if (d.images.length !== d.labels.length * per) {
    throw new OptionError(`trainSupervised: images hold ${d.images.length} values, expected ${d.labels.length} x ${e.inputSize}x${e.inputSize}x3`);
  }
  if (d.numClasses < 2) throw new OptionError(`trainSupervised needs at least 2 classes, got ${d.numClasses}`);
  if (d.labels.some((l) => l < 0 || l >= d.numClasses)) throw new OptionError(`trainSupervised: labels must lie in 0..${d.numClasses - 1}`);
  if (e.variables.length === 0) throw new OptionError(`trainSupervised: extractor ${e.id} has no trainable variables`);
}

function batchOf(e: TrainableExtractor, d: SupervisedData, idx: readonly number[]): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const per = e.inputSize * e.inputSize * 3;
  const pixels = new Float32Array(idx.length * per);
  idx.forEach((i, k) => pixels.set(d.images.subarray(i * per, (i + 1) * per), k * per));
  const x = tf.tensor4d(pixels, [idx.length, e.inputSize, e.inputSize, 3]);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(idx.map((i) => d.labels[i] as number), 'int32'), d.numClasses), 'float32') as tf.Tensor2D);
  return { x, y };
}

function headVariables(dim: number, numClasses: number, seed: number): [tf.Variable, tf.Variable] {
  const rng = Rng.from(seed, 'supervised-head');
  const w = tf.tensor2d(Float32Array.from({ length: dim * numClasses }, () => rng.normal(0, Math.sqrt(1 / dim))), [dim, numClasses]);
  const b = tf.zeros([numClasses]);
  const vars: [tf.Variable, tf.Variable] = [tf.variable(w, true), tf.variable(b, true)];
  tf.dispose([w, b]);
  return vars;
}


/** tfjs-core's CommonJS build registers no gradients; say where they come from. */
function explainMissingGradient(err: unknown): unknown {
  if (err instanceof Error && /gradient function not found/.test(err.message)) {
    return new Error(`trainSupervised: ${err.message}; register the training gradients first (registerCoreGradients from @mtssl/tfjs-wasm-training)`);
  }
  return err;
}

export function trainSupervised(extractor: TrainableExtractor, data: SupervisedData, partial: Partial<SupervisedOptions> = {}): SupervisedResult {
  const options = resolveSupervisedOptions(partial);
  checkData(extractor, data);
  const [w, b] = headVariables(extractor.featureDim, data.numClasses, options.seed);
  const optimizer = tf.train.adam(options.learningRate);
  const trained = [...extractor.variables, w, b];
  const losses: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = Rng.from(options.seed, 'supervised-order', epoch).shuffle(Array.from(data.labels, (_, i) => i));
    let sum = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const idx = order.slice(start, start + options.batchSize);
      const { x, y } = batchOf(extractor, data, idx);
      let loss: tf.Scalar | null;
      try {
        loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(extractor.features(x), w), b)) as tf.Scalar, true, trained);
      } catch (err) {
        tf.dispose([x, y, w, b]);
        optimizer.dispose();
        throw explainMissingGradient(err);
      }
      sum += ((loss as tf.Scalar).dataSync()[0] as number) * idx.length;
      tf.dispose([x, y, loss as tf.Scalar]);
    }
    losses.push(sum / order.length);
  }
  optimizer.dispose();
  tf.dispose([w, b]);
  const id = `${extractor.id}+supervised:${weightsDigest(extractor.variables)}`;
  // Explicit fields, not a spread: a class-based trunk keeps its members on the prototype.
  const result: TrainableExtractor = {
    id,
    inputSize: extractor.inputSize,
    featureDim: extractor.featureDim,
    variables: extractor.variables,
    features: (batch) => extractor.features(batch),
    dispose: () => extractor.dispose(),
  };
  return { extractor: result, losses, options };
}
