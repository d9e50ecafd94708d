// Relative position: patch pairs [2,P,P,C] (centre, neighbour) with an 8-way label; the patch side
// fixes the size of the head's first fully connected layer, so it follows the data unless set.
import * as tf from '@tensorflow/tfjs-core';
import { Rng, Sample, SampleSchema, findField } from '@mtssl/core';
import { ModelOptions } from '../model/config';
import { relativePositionForward, relativePositionLoss } from '../model/heads/relative-position';
import { ints, uniform } from '../model/random-tensors';
import { images, stack } from '../data/sample-tensors';
import { checkAttribute, checkImage, expect, field, shapeText } from '../data/schema-rules';
import { FakeSizes, noise } from '../data/fake-samples';
import { TaskSpec } from './task-spec';

const t = 'relative-position';

/** Relative position's patch side, which fixes the size of its first fully connected layer. */
export function relativePositionPatchSize(schema: SampleSchema): number {
  return (findField(schema, 'patches').shape[1] as number) ?? 0;
}

function checkSchema(schema: SampleSchema, model: ModelOptions): void {
  const patches = field(t, schema, 'patches', 'uint8', 4);
  expect(t, patches[0] === 2 && patches[1] === patches[2], `patches is ${shapeText(patches)} but the trainer needs [2,P,P,C]`);
  checkImage(t, 'patches', patches, 3);
  const label = field(t, schema, 'label', 'int32', 1);
  expect(t, label[0] === 1, `label is ${shapeText(label)} but the trainer needs [1]`);
  checkAttribute(t, schema, 'patchSize', patches[1] as number);
  expect(
    t,
    patches[1] === model.rpPatchSize,
    `patches are ${patches[1]}x${patches[1]} but the model's relative-position head was built for rpPatchSize ${model.rpPatchSize}`,
  );
}

function fakeSample(rng: Rng, s: FakeSizes): Sample {
  const label = rng.int(0, 7);
  const n = s.side * s.side * 3;
  const patches = new Uint8Array(2 * n);
  patches.set(noise(rng, n, 128, 60), 0);
  // the neighbour's brightness encodes where it sits
  patches.set(noise(rng, n, 20 + label * 30, 8), n);
  return { patches, label: Int32Array.of(label) };
}

export const relativePositionSpec = Object.freeze<TaskSpec<'relative-position'>>({
  task: t,
  checkSchema,
  modelFromData: (schema, given) => (given.rpPatchSize === undefined ? { rpPatchSize: relativePositionPatchSize(schema) } : {}),
  fixedSide: (model) => model.rpPatchSize,
  sharedWeights: () => undefined,
  collate: (schema, samples) => ({
    task: t,
    images: images(samples, 'patches', findField(schema, 'patches').shape),
    labels: stack(samples, 'label', 'int32', []) as tf.Tensor1D,
  }),
  owned: (batch) => [batch.images, batch.labels],
  shared: () => [],
  forward: relativePositionForward,
  loss: (output, batch) => relativePositionLoss(output as tf.Tensor2D, batch),
  batchSizes: (schema, numBins) => ({ side: findField(schema, 'patches').shape[1] as number, targetSide: 1, numBins }),
  randomBatch: (rng, { batchSize: b, side: s }) => ({ task: t, images: uniform(rng, [2 * b, s, s, 3]) as tf.Tensor4D, labels: ints(rng, [b], 8) as tf.Tensor1D }),
  fake: {
    fields: (s) => [
      { name: 'patches', dtype: 'uint8', shape: [2, s.side, s.side, 3] },
      { name: 'label', dtype: 'int32', shape: [1] },
    ],
    attributes: (s) => ({ patchSize: s.side, harmonized: s.harmonized }),
    sample: fakeSample,
    extras: () => ({}),
  },
});
