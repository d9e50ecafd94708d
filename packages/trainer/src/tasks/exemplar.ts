// Exemplar: triplets of views [3,P,P,C] (anchor, positive of the same seed, negative of another); the
// head embeds each view and the triplet loss compares them within the batch.
import * as tf from '@tensorflow/tfjs-core';
import { Rng, Sample, SampleSchema, findField } from '@mtssl/core';
import { exemplarForward, exemplarLoss } from '../model/heads/exemplar';
import { uniform } from '../model/random-tensors';
import { images } from '../data/sample-tensors';
import { checkAttribute, checkImage, expect, field, shapeText } from '../data/schema-rules';
import { FakeSizes, noise } from '../data/fake-samples';
import { TaskSpec } from './task-spec';

const t = 'exemplar';

function checkSchema(schema: SampleSchema): void {
  const views = field(t, schema, 'views', 'uint8', 4);
  expect(t, views[0] === 3 && views[1] === views[2], `views is ${shapeText(views)} but the trainer needs [3,P,P,C]`);
  checkImage(t, 'views', views, 3);
  checkAttribute(t, schema, 'patchSize', views[1] as number);
}

function fakeSample(rng: Rng, s: FakeSizes, index: number): Sample {
  const n = s.side * s.side * 3;
  const seedColour = rng.uniform(30, 225);
  let other = rng.uniform(30, 225);
  while (Math.abs(other - seedColour) < 60) other = rng.uniform(30, 225);
  const views = new Uint8Array(3 * n);
  views.set(noise(rng, n, seedColour, 20), 0);
  views.set(noise(rng, n, seedColour, 20), n);
  views.set(noise(rng, n, other, 20), 2 * n);
  return { views, seed_ids: Int32Array.of(index, index + 1_000_000) };
}

export const exemplarSpec = Object.freeze<TaskSpec<'exemplar'>>({
  task: t,
  checkSchema,
  modelFromData: () => ({}),
  fixedSide: () => null,
  sharedWeights: () => undefined,
  collate: (schema, samples) => ({ task: t, images: images(samples, 'views', findField(schema, 'views').shape) }),
  owned: (batch) => [batch.images],
  shared: () => [],
  forward: exemplarForward,
  loss: (output, batch, model) => exemplarLoss(output as tf.Tensor2D, batch, model.exemplarNegatives ?? 'paired'),
  batchSizes: (schema, numBins) => ({ side: findField(schema, 'views').shape[1] as number, targetSide: 1, numBins }),
  randomBatch: (rng, { batchSize: b, side: s }) => ({ task: t, images: uniform(rng, [3 * b, s, s, 3]) as tf.Tensor4D }),
  fake: {
    fields: (s) => [
      { name: 'views', dtype: 'uint8', shape: [3, s.side, s.side, 3] },
      { name: 'seed_ids', dtype: 'int32', shape: [2] },
    ],
    attributes: (s) => ({ patchSize: s.side, harmonized: s.harmonized }),
    sample: fakeSample,
    extras: () => ({}),
  },
});
