// In-memory datasets with generated, learnable samples (the answer is visible in the pixels), for
// tests and quick runs without shards. Each task's spec says what its samples hold (src/tasks/).
import { Rng, Sample, SampleSchema, TaskName } from '@mtssl/core';
import { TASK_SPECS } from '../tasks';
import { FAKE_SIZES, FakeSizes } from '../data/fake-samples';
import { TrainingDataset } from '../data/training-dataset';

export { FAKE_SIZES, type FakeSizes } from '../data/fake-samples';

function schemaFor(task: TaskName, s: FakeSizes): SampleSchema {
  const fake = TASK_SPECS[task].fake;
  return { task, version: 1, fields: fake.fields(s), attributes: fake.attributes(s) };
}

/** A deterministic in-memory dataset: sample i depends only on (seed, task, i). */
export function fakeDataset(task: TaskName, sizes: Partial<FakeSizes> = {}, seed = 0): TrainingDataset {
  const s = { ...FAKE_SIZES, ...sizes };
  const fake = TASK_SPECS[task].fake;
  const samples = Array.from({ length: s.count }, (_, i) => fake.sample(Rng.from(seed, 'fake', task, i), s, i));
  return { schema: schemaFor(task, s), count: s.count, read: async (i) => samples[i] as Sample, extras: fake.extras(s) };
}
