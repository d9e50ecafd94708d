// Motion: a frame [H,W,C] and the mask [H,W] of the pixels that will move, averaged down to the head's
// output resolution by its loss.
import * as tf from '@tensorflow/tfjs-core';
import { Rng, Sample, SampleSchema, findField } from '@mtssl/core';
import { motionForward, motionLoss } from '../model/heads/motion';
import { uniform } from '../model/random-tensors';
import { images } from '../data/sample-tensors';
import { checkImage, expect, field, shapeText } from '../data/schema-rules';
import { FakeSizes, noise } from '../data/fake-samples';
import { TaskSpec } from './task-spec';

const t = 'motion';

function checkSchema(schema: SampleSchema): void {
  const frame = field(t, schema, 'frame', 'uint8', 3);
  checkImage(t, 'frame', frame, 2);
  const mask = field(t, schema, 'mask', 'uint8', 2);
  expect(t, mask[0] === frame[0] && mask[1] === frame[1], `mask is ${shapeText(mask)} but frame is ${shapeText(frame)}`);
}

/** float32 [B, H, W, 1] in {0, 1} from the uint8 masks. */
function maskTensor(samples: readonly Sample[], shape: readonly number[]): tf.Tensor4D {
  const per = (shape[0] as number) * (shape[1] as number);
  const out = new Float32Array(samples.length * per);
  samples.forEach((sample, s) => {
    const src = sample['mask'] as Uint8Array;
    for (let i = 0; i < per; i++) out[s * per + i] = (src[i] as number) > 0 ? 1 : 0;
  });
  return tf.tensor4d(out, [samples.length, shape[0] as number, shape[1] as number, 1]);
}

function fakeSample(rng: Rng, s: FakeSizes): Sample {
  const side = s.side;
  const frame = noise(rng, side * side * 3, 40, 20);
  const mask = new Uint8Array(side * side);
  const w = rng.int(side / 4, side / 2);
  const x0 = rng.int(0, side - w);
  const y0 = rng.int(0, side - w);
  for (let y = y0; y < y0 + w; y++) {
    for (let x = x0; x < x0 + w; x++) {
      mask[y * side + x] = 1;
      frame.fill(220, (y * side + x) * 3, (y * side + x) * 3 + 3);
    }
  }
  return { frame, mask };
}

export const motionSpec = Object.freeze<TaskSpec<'motion'>>({
  task: t,
  checkSchema,
  modelFromData: () => ({}),
  fixedSide: () => null,
  sharedWeights: () => undefined,
  collate: (schema, samples) => ({
    task: t,
    images: images(samples, 'frame', findField(schema, 'frame').shape),
    mask: maskTensor(samples, findField(schema, 'mask').shape),
  }),
  owned: (batch) => [batch.images, batch.mask],
  shared: () => [],
  forward: motionForward,
  loss: (output, batch, model) => motionLoss(output as tf.Tensor4D, batch, model),
  batchSizes: (schema, numBins) => ({ side: findField(schema, 'frame').shape[0] as number, targetSide: 1, numBins }),
  randomBatch: (rng, { batchSize: b, side: s }) => ({
    task: t,
    images: uniform(rng, [b, s, s, 3]) as tf.Tensor4D,
    mask: tf.tidy(() => tf.round(uniform(rng, [b, s, s, 1], 0, 1))) as tf.Tensor4D,
  }),
  fake: {
    fields: (s) => [
      { name: 'frame', dtype: 'uint8', shape: [s.side, s.side, 3] },
      { name: 'mask', dtype: 'uint8', shape: [s.side, s.side] },
    ],
    attributes: (s) => ({ height: s.side, width: s.side, harmonized: s.harmonized }),
    sample: fakeSample,
    extras: () => ({}),
  },
});
