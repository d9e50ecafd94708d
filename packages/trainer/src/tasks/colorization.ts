// Colorization: an L input [S,S,C] and per target pixel k (bin, weight) pairs at the head's output
// resolution; every batch shares the dataset's class-rebalancing weights, and the bin count follows the data.
import * as tf from '@tensorflow/tfjs-core';
import { Rng, Sample, SampleSchema, findField } from '@mtssl/core';
import { ModelOptions, featureSide, outputStride } from '../model/config';
import { colorizationForward, colorizationLoss } from '../model/heads/colorization';
import { ints, uniform } from '../model/random-tensors';
import { images, stack } from '../data/sample-tensors';
import { checkImage, expect, field, shapeText } from '../data/schema-rules';
import { FakeSizes, noise } from '../data/fake-samples';
import { DataSource } from '../data/training-dataset';
import { TaskSpec } from './task-spec';

const t = 'colorization';

function checkSchema(schema: SampleSchema, model: ModelOptions): void {
  const input = field(t, schema, 'input', 'uint8', 3);
  expect(t, input[0] === input[1], `input is ${shapeText(input)} but the trainer needs a square [S,S,C]`);
  checkImage(t, 'input', input, 2);
  const bins = field(t, schema, 'ab_bins', 'int32', 3);
  const weights = field(t, schema, 'ab_weights', 'float32', 3);
  expect(t, shapeText(bins) === shapeText(weights), `ab_bins is ${shapeText(bins)} but ab_weights is ${shapeText(weights)}`);
  const sw = field(t, schema, 'sample_weight', 'float32', 1);
  expect(t, sw[0] === 1, `sample_weight is ${shapeText(sw)} but the trainer needs [1]`);
  const side = input[0] as number;
  const out = featureSide(side, model);
  const hint = model.stride8 ? `set targetSize ${out}` : `set targetSize ${out} or use stride8`;
  expect(
    t,
    bins[0] === out && bins[1] === out,
    `ab_bins is ${shapeText(bins)} but the model's colorization head outputs ${out}x${out} at input ${side} with output stride ${outputStride(model)}; ${hint}`,
  );
  const numBins = schema.attributes?.['numBins'];
  if (numBins !== undefined) expect(t, numBins === model.numBins, `numBins is ${String(numBins)} but the model's colorization head has ${model.numBins}`);
}

/** Colorization's per-bin weights from the dataset's extras; uniform (with a warning) if absent. */
export function rebalanceWeights(dataset: Pick<DataSource, 'extras'>, numBins: number, warn: (line: string) => void): tf.Tensor1D {
  const stored = dataset.extras?.['rebalance'];
  if (Array.isArray(stored) && stored.length === numBins && stored.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return tf.tensor1d(stored as number[]);
  }
  const why = Array.isArray(stored) ? `has ${stored.length} entries, expected ${numBins}` : 'is missing';
  warn(`colorization: extras.rebalance ${why}; using uniform class weights`);
  return tf.ones([numBins]) as tf.Tensor1D;
}

function fakeSample(rng: Rng, s: FakeSizes): Sample {
  const bin = rng.int(0, s.numBins - 1);
  const pixels = s.targetSide * s.targetSide;
  const bins = new Int32Array(pixels * 2);
  const weights = new Float32Array(pixels * 2);
  for (let i = 0; i < pixels; i++) {
    bins.set([bin, (bin + 1) % s.numBins], i * 2);
    weights.set([0.8, 0.2], i * 2);
  }
  // the lightness encodes the colour bin
  const input = noise(rng, s.side * s.side, 16 + (bin * 224) / s.numBins, 6);
  return { input, ab_bins: bins, ab_weights: weights, sample_weight: Float32Array.of(1) };
}

export const colorizationSpec = Object.freeze<TaskSpec<'colorization'>>({
  task: t,
  checkSchema,
  modelFromData: (schema, given) => {
    const bins = schema.attributes?.['numBins'];
    return typeof bins === 'number' && given.numBins === undefined ? { numBins: bins } : {};
  },
  fixedSide: () => null,
  sharedWeights: (dataset, model, warn) => rebalanceWeights(dataset, model.numBins, warn),
  collate: (schema, samples, rebalance) => {
    if (!rebalance) throw new Error('colorization: collate needs the rebalance weights');
    const target = [...findField(schema, 'ab_bins').shape];
    return {
      task: t,
      images: images(samples, 'input', findField(schema, 'input').shape),
      bins: stack(samples, 'ab_bins', 'int32', target) as tf.Tensor4D,
      weights: stack(samples, 'ab_weights', 'float32', target) as tf.Tensor4D,
      sampleWeight: stack(samples, 'sample_weight', 'float32', []) as tf.Tensor1D,
      rebalance,
    };
  },
  owned: (batch) => [batch.images, batch.bins, batch.weights, batch.sampleWeight],
  shared: (batch) => [batch.rebalance],
  forward: colorizationForward,
  loss: (output, batch) => colorizationLoss(output as tf.Tensor4D, batch),
  batchSizes: (schema, numBins) => ({ side: findField(schema, 'input').shape[0] as number, targetSide: findField(schema, 'ab_bins').shape[0] as number, numBins }),
  randomBatch: (rng, sizes) => {
    const { batchSize: b, side: s } = sizes;
    const h = sizes.targetSide;
    const weights = tf.tidy(() => tf.softmax(uniform(rng, [b, h, h, 2], -2, 2))) as tf.Tensor4D;
    return {
      task: t,
      images: uniform(rng, [b, s, s, 3]) as tf.Tensor4D,
      bins: ints(rng, [b, h, h, 2], sizes.numBins) as tf.Tensor4D,
      weights,
      sampleWeight: tf.ones([b]) as tf.Tensor1D,
      rebalance: uniform(rng, [sizes.numBins], 0.5, 2) as tf.Tensor1D,
    };
  },
  fake: {
    fields: (s) => [
      { name: 'input', dtype: 'uint8', shape: [s.side, s.side, 1] },
      { name: 'ab_bins', dtype: 'int32', shape: [s.targetSide, s.targetSide, 2] },
      { name: 'ab_weights', dtype: 'float32', shape: [s.targetSide, s.targetSide, 2] },
      { name: 'sample_weight', dtype: 'float32', shape: [1] },
    ],
    attributes: (s) => ({ inputSize: s.side, targetSize: s.targetSide, numBins: s.numBins, softK: 2 }),
    sample: fakeSample,
    extras: (s) => ({ rebalance: Array.from({ length: s.numBins }, () => 1) }),
  },
});
