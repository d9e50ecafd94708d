import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { TASKS, TaskName } from '@mtssl/core';
import { resolveModelOptions } from '../model/config';
import { disposeBatch } from '../model/dispose-batch';
import { checkDatasetSchema } from './schema-check';
import { collate } from './collate';
import { DatasetCursor } from './cursor';
import { Interleaver } from './interleaver';
import { TaskSource } from './task-source';
import { fakeDataset } from '../testing/fake-datasets';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('checkDatasetSchema', () => {
  const model = resolveModelOptions('tiny', { rpPatchSize: 32, numBins: 8 });

  it('accepts matching datasets', () => {
    for (const task of TASKS) expect(() => checkDatasetSchema(task, fakeDataset(task, { count: 2 }).schema, model)).not.toThrow();
  });

  it('names the task, the field and the fix on a colorization target mismatch', () => {
    const schema = fakeDataset('colorization', { count: 1, side: 64, targetSide: 8 }).schema;
    expect(() => checkDatasetSchema('colorization', schema, model)).toThrow(
      "colorization: ab_bins is [8,8,2] but the model's colorization head outputs 4x4 at input 64 with output stride 16; set targetSize 4 or use stride8",
    );
  });

  it('rejects wrong dtypes, missing fields, patch sizes and bin counts', () => {
    const rp = fakeDataset('relative-position', { count: 1, side: 24 }).schema;
    expect(() => checkDatasetSchema('relative-position', rp, model)).toThrow('relative-position: patches are 24x24 but the model');
    const bad = { ...rp, fields: rp.fields.map((f) => (f.name === 'label' ? { ...f, dtype: 'float32' as const } : f)) };
    expect(() => checkDatasetSchema('relative-position', { ...bad, attributes: {} }, resolveModelOptions('tiny', { rpPatchSize: 24 }))).toThrow(
      'relative-position: label is float32 but the trainer needs int32',
    );
    const motion = fakeDataset('motion', { count: 1 }).schema;
    expect(() => checkDatasetSchema('motion', { ...motion, fields: motion.fields.slice(0, 1) }, model)).toThrow('schema has no field "mask"');
    const col = fakeDataset('colorization', { count: 1, numBins: 313 }).schema;
    expect(() => checkDatasetSchema('colorization', col, model)).toThrow("numBins is 313 but the model's colorization head has 8");
    expect(() => checkDatasetSchema('exemplar', motion, model)).toThrow('exemplar: the dataset given for exemplar holds motion samples');
  });
});

describe('collate', () => {
  it('maps uint8 to [-1, 1], tiles one channel to three and folds pairs into the batch', async () => {
    const start = tf.memory().numTensors;
    const ds = fakeDataset('colorization', { count: 2, side: 8 });
    const rebalance = tf.ones([8]) as tf.Tensor1D;
    const batch = collate('colorization', ds.schema, [await ds.read(0), await ds.read(1)], rebalance);
    expect(batch.images.shape).toEqual([2, 8, 8, 3]);
    const px = batch.images.arraySync()[0]![0]![0]!;
    expect(px[0]).toBeCloseTo(px[1] as number, 6);
    expect(Math.min(...batch.images.dataSync())).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...batch.images.dataSync())).toBeLessThanOrEqual(1);
    disposeBatch(batch);
    rebalance.dispose();
    const rp = fakeDataset('relative-position', { count: 2, side: 8 });
    const pair = collate('relative-position', rp.schema, [await rp.read(0), await rp.read(1)]);
    expect(pair.images.shape).toEqual([4, 8, 8, 3]);
    disposeBatch(pair);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('rejects a sample that does not match the schema', async () => {
    const ds = fakeDataset('motion', { count: 1, side: 8 });
    const sample = { ...(await ds.read(0)), mask: new Uint8Array(3) };
    expect(() => collate('motion', ds.schema, [sample])).toThrow('field "mask" has 3 elements');
  });
});

describe('DatasetCursor', () => {
  it('visits every position once per epoch in a seeded order that differs between epochs', () => {
    const c = new DatasetCursor('motion', 10, 7, true);
    const e0 = [...c.take(5), ...c.take(5)];
    expect([...e0].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(c.exhausted(1)).toBe(true);
    c.nextEpoch();
    const e1 = c.take(10);
    expect(e1).not.toEqual(e0);
    const again = new DatasetCursor('motion', 10, 7, true, { epoch: 1, position: 0 });
    expect(again.take(10)).toEqual(e1);
    expect(() => again.take(1)).toThrow('1 positions asked, 0 left in epoch 1');
  });
});

describe('Interleaver', () => {
  const tasks: TaskName[] = ['relative-position', 'colorization', 'motion'];

  it('goes round robin and keeps its turn when a task is dropped', () => {
    const il = new Interleaver(tasks, 'round-robin', {}, 0);
    expect([il.next(), il.next()]).toEqual(['relative-position', 'colorization']);
    il.drop('colorization');
    expect([il.next(), il.next(), il.next()]).toEqual(['motion', 'relative-position', 'motion']);
    il.drop('motion');
    il.drop('relative-position');
    expect(il.next()).toBeNull();
  });

  it('draws by weight from a seeded generator and resumes from its state', () => {
    const il = new Interleaver(tasks, 'weighted', { 'relative-position': 8, colorization: 1, motion: 1 }, 3);
    const draws = Array.from({ length: 200 }, () => il.next());
    expect(draws.filter((t) => t === 'relative-position').length).toBeGreaterThan(130);
    const saved = il.state();
    const tail = Array.from({ length: 20 }, () => il.next());
    const resumed = new Interleaver(tasks, 'weighted', { 'relative-position': 8, colorization: 1, motion: 1 }, 3, saved);
    expect(Array.from({ length: 20 }, () => resumed.next())).toEqual(tail);
  });
});

describe('TaskSource', () => {
  it('cycles, or reports exhaustion for the stop policies', async () => {
    const start = tf.memory().numTensors;
    const cycle = new TaskSource('motion', fakeDataset('motion', { count: 5, side: 8 }), 'cycle', 0, undefined);
    for (let i = 0; i < 4; i++) disposeBatch((await cycle.next(2))!);
    expect(cycle.cursor.current).toEqual({ epoch: 1, position: 4 });
    const stop = new TaskSource('motion', fakeDataset('motion', { count: 5, side: 8 }), 'stop', 0, undefined);
    disposeBatch((await stop.next(4))!);
    expect(await stop.next(4)).toBeNull();
    expect(tf.memory().numTensors).toBe(start);
  });
});
