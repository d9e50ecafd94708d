import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMP_PREFIX } from './atomic-write';
import { DATASET_FILE } from './dataset-format';
import { openDataset } from './dataset-reader';
import { DatasetWriter, resolveDatasetWriterOptions, updateDatasetExtras } from './dataset-writer';
import type { SampleSchema } from '../samples';
import type { StreamItem } from '../streams';
import { SHARD_TEST_SCHEMA as SCHEMA, leaveKilledWritersLock, makeTempDir, range, removeDir, testItems } from '../testing/shard-fixtures';

async function writeAll(dir: string, items: readonly StreamItem[], samplesPerShard = 4) {
  const writer = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard });
  for (const item of items) await writer.write(item);
  return writer.finish();
}

async function readAll(dir: string): Promise<StreamItem[]> {
  const ds = await openDataset(dir);
  const items: StreamItem[] = [];
  for await (const item of ds.samples()) items.push(item);
  await ds.close();
  return items;
}

describe('DatasetWriter', () => {
  let dir: string;
  let other: string;
  beforeEach(() => {
    dir = makeTempDir();
    other = makeTempDir();
  });
  afterEach(() => {
    removeDir(dir);
    removeDir(other);
  });

  it('writes shards, indexes and dataset.json, and reads the same items back', async () => {
    const items = testItems([0, 1, 2, 4, 5, 7, 8, 9, 10, 12]); // gaps: skipped positions
    const info = await writeAll(dir, items);
    expect(info.shards.map((s) => [s.file, s.count, s.firstIndex, s.lastIndex])).toEqual([
      ['colorization-00000.tfrecord', 4, 0, 4],
      ['colorization-00001.tfrecord', 4, 5, 9],
      ['colorization-00002.tfrecord', 2, 10, 12],
    ]);
    expect(info).toMatchObject({ format: 'mtssl-tfrecord', version: 1, task: 'colorization', count: 10, nextIndex: 13, complete: true });
    expect(readdirSync(dir).sort()).toEqual([
      'colorization-00000.index.json',
      'colorization-00000.tfrecord',
      'colorization-00001.index.json',
      'colorization-00001.tfrecord',
      'colorization-00002.index.json',
      'colorization-00002.tfrecord',
      DATASET_FILE,
    ]);
    const index = JSON.parse(readFileSync(join(dir, 'colorization-00001.index.json'), 'utf8'));
    expect(index).toMatchObject({ count: 4, indices: [5, 7, 8, 9], firstIndex: 5, lastIndex: 9 });
    expect(index.offsets[0]).toBe(0);
    expect(index.offsets[1]).toBe(index.lengths[0] + 16);
    expect(JSON.parse(readFileSync(join(dir, DATASET_FILE), 'utf8')).schema).toEqual(SCHEMA);
    expect(await readAll(dir)).toEqual(items);
  });

  it('resumes after an interruption and ends with the same shards as an uninterrupted run', async () => {
    const items = testItems(range(0, 11));
    await writeAll(other, items);

    const first = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    for (const item of items.slice(0, 6)) await first.write(item); // 1.5 shards, then "killed": no finish, no abort
    leaveKilledWritersLock(dir);

    const resumed = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    expect(resumed.resumeIndex).toBe(4);
    expect(resumed.count).toBe(4);
    expect(resumed.info.complete).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]); // temp file of the half shard is gone
    for (const item of items.filter((i) => i.index >= resumed.resumeIndex)) await resumed.write(item);
    const info = await resumed.finish();

    expect(info.count).toBe(11);
    await first.abort(); // only closes the killed writer's handle: its temp file was already cleaned
    expect(await readAll(dir)).toEqual(await readAll(other));
    for (const shard of info.shards) expect(readFileSync(join(dir, shard.file))).toEqual(readFileSync(join(other, shard.file)));
  });

  it('discards a shard that was renamed but never listed in dataset.json', async () => {
    const writer = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    for (const item of testItems(range(0, 4))) await writer.write(item);
    writeFileSync(join(dir, 'colorization-00001.tfrecord'), 'left by a crash');
    writeFileSync(join(dir, 'colorization-00001.index.json'), '{}');
    leaveKilledWritersLock(dir);
    const resumed = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    expect(resumed.resumeIndex).toBe(4);
    expect(existsSync(join(dir, 'colorization-00001.tfrecord'))).toBe(false);
    expect(existsSync(join(dir, 'colorization-00001.index.json'))).toBe(false);
    await writer.abort();
  });

  it('refuses to resume with a different schema, naming the difference', async () => {
    await writeAll(dir, testItems([0]));
    const changed: SampleSchema = { ...SCHEMA, fields: [{ ...SCHEMA.fields[0], shape: [8, 8, 1] }, ...SCHEMA.fields.slice(1)] };
    await expect(DatasetWriter.open(dir, changed)).rejects.toThrow('field "input" shape [8, 8, 1] != stored [4, 4, 1]');
    await expect(DatasetWriter.open(dir, { ...SCHEMA, attributes: { inputSize: 5, targetSize: 2 } })).rejects.toThrow(
      'attribute "inputSize" 5 != stored 4',
    );
    await expect(DatasetWriter.open(dir, { ...SCHEMA, task: 'motion' })).rejects.toThrow('task "motion" != stored "colorization"');
  });

  it('refuses to resume after a finished shard that was damaged', async () => {
    const writer = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 2 });
    for (const item of testItems(range(0, 3))) await writer.write(item);
    await writer.abort();
    writeFileSync(join(dir, 'colorization-00000.tfrecord'), 'short');
    await expect(DatasetWriter.open(dir, SCHEMA)).rejects.toThrow(/shard colorization-00000.tfrecord has 5 bytes, dataset.json says \d+/);
  });

  it('stores finish() extras, report and meta; setExtras and updateDatasetExtras merge later', async () => {
    const writer = await DatasetWriter.open(dir, SCHEMA, { meta: { seed: 3 } });
    await writer.write(testItems([0])[0]);
    const report = { stream: 'colorization', policy: 'skip' as const, inputsSeen: 2, samplesWritten: 1, skipped: [], skippedByReason: {} };
    await writer.finish({ report, extras: { a: 1 } });
    await writer.setExtras({ rebalance: [0.5, 2] });
    const info = await updateDatasetExtras(dir, { binCenters: [[0, 0]] });
    expect(info).toMatchObject({ report, meta: { seed: 3 }, extras: { a: 1, rebalance: [0.5, 2], binCenters: [[0, 0]] } });
    await expect(writer.write(testItems([1])[0])).rejects.toThrow('dataset is complete');
  });

  it('finishes an empty dataset', async () => {
    const writer = await DatasetWriter.open(dir, SCHEMA);
    const info = await writer.finish();
    expect(info).toMatchObject({ count: 0, shards: [], complete: true, nextIndex: 0 });
    const ds = await openDataset(dir);
    expect(ds.count).toBe(0);
    await expect(ds.read(0)).rejects.toThrow('dataset position 0 is outside [0, 0)');
  });
});

describe('DatasetWriter invalid parameters', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  it('rejects bad options', () => {
    expect(() => resolveDatasetWriterOptions({ samplesPerShard: 0 })).toThrow('samplesPerShard must be a positive integer, got 0');
    expect(() => resolveDatasetWriterOptions({ samplesPerShard: 2.5 })).toThrow('samplesPerShard must be a positive integer, got 2.5');
    expect(() => resolveDatasetWriterOptions({ meta: [] as unknown as Record<string, unknown> })).toThrow('meta must be a plain object');
    expect(() => resolveDatasetWriterOptions({ samplePerShard: 3 } as object)).toThrow('unknown option "samplePerShard"');
    expect(resolveDatasetWriterOptions()).toEqual({ samplesPerShard: 512, meta: {} });
  });

  it('rejects bad options at open', async () => {
    await expect(DatasetWriter.open(dir, SCHEMA, { samplesPerShard: -1 })).rejects.toThrow('samplesPerShard must be a positive integer, got -1');
  });

  it('rejects samples that do not match the schema, and positions that do not increase', async () => {
    const writer = await DatasetWriter.open(dir, SCHEMA);
    const [item] = testItems([5]);
    await expect(writer.write({ index: 0, sample: { ...item.sample, input: new Uint8Array(3) } })).rejects.toThrow(
      'colorization sample 0: colorization: field "input" has 3 elements, schema shape [4, 4, 1] needs 16',
    );
    await writer.write(item);
    await expect(writer.write(item)).rejects.toThrow('stream positions must increase, got 5 after 5');
    await expect(writer.setExtras([] as unknown as Record<string, unknown>)).rejects.toThrow('extras must be a plain object');
    await writer.abort();
    await expect(writer.write(testItems([6])[0])).rejects.toThrow('writer is closed');
  });
});
