import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET_FILE } from './dataset-format';
import { datasetExists, isDatasetComplete, openDataset } from './dataset-reader';
import { DatasetWriter } from './dataset-writer';
import type { StreamItem } from '../streams';
import { SHARD_TEST_SCHEMA as SCHEMA, makeTempDir, range, removeDir, testItems, testSample } from '../testing/shard-fixtures';

const INDICES = [0, 2, 3, 5, 6, 7, 9, 10, 11, 14];

async function build(dir: string, finish = true): Promise<void> {
  const writer = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 3 });
  for (const item of testItems(INDICES)) await writer.write(item);
  if (finish) await writer.finish();
  else await writer.abort(); // drops only the shard in progress, like a killed run
}

async function collect(gen: AsyncIterable<StreamItem>): Promise<StreamItem[]> {
  const out: StreamItem[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

describe('openDataset', () => {
  let dir: string;
  beforeEach(async () => {
    dir = makeTempDir();
    await build(dir);
  });
  afterEach(() => removeDir(dir));

  it('reads any record by dataset position', async () => {
    const ds = await openDataset(dir);
    expect(ds.count).toBe(10);
    expect(ds.schema).toEqual(SCHEMA);
    for (const i of [9, 0, 4, 3, 2, 7]) {
      expect(await ds.read(i)).toEqual(testSample(INDICES[i]));
      expect(ds.indexAt(i)).toBe(INDICES[i]);
    }
    await ds.close();
  });

  it('iterates ranges and explicit orders as stream items', async () => {
    const ds = await openDataset(dir);
    expect((await collect(ds.samples({ start: 2, end: 7 }))).map((x) => x.index)).toEqual(INDICES.slice(2, 7));
    expect((await collect(ds.samples({ start: 10 }))).length).toBe(0);
    const order = [8, 1, 5];
    expect(await collect(ds.samples({ order }))).toEqual(order.map((i) => ({ index: INDICES[i], sample: testSample(INDICES[i]) })));
    await ds.verify();
    await ds.close();
  });

  it('reports a truncated shard by name on open', async () => {
    const file = join(dir, 'colorization-00001.tfrecord');
    truncateSync(file, readFileSync(file).length - 10);
    await expect(openDataset(dir)).rejects.toThrow(/shard colorization-00001.tfrecord is truncated: \d+ bytes on disk, its index says \d+/);
  });

  it('reports a missing shard by name on open', async () => {
    rmSync(join(dir, 'colorization-00002.tfrecord'));
    await expect(openDataset(dir)).rejects.toThrow(`shard colorization-00002.tfrecord is missing from ${dir}`);
  });

  it('finds a flipped byte by CRC in verify() and read()', async () => {
    const file = join(dir, 'colorization-00002.tfrecord');
    const bytes = readFileSync(file);
    bytes[bytes.length - 30] ^= 0x04; // inside the last record's data
    writeFileSync(file, bytes);
    const ds = await openDataset(dir); // sizes still match: only a CRC pass can tell
    await expect(ds.verify()).rejects.toThrow(/shard colorization-00002.tfrecord is damaged: record 2 at byte \d+ has a bad data CRC/);
    await expect(ds.read(8)).rejects.toThrow(/bad data CRC/);
    expect(await ds.read(7)).toEqual(testSample(INDICES[7]));
    await ds.close();
  });

  it('names the file and the field of an invalid dataset.json', async () => {
    const file = join(dir, DATASET_FILE);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.shards[1].count = -1;
    writeFileSync(file, JSON.stringify(json));
    await expect(openDataset(dir)).rejects.toThrow(`${file}: invalid dataset.json\n  shards[1].count:`);
    writeFileSync(file, '{ nope');
    await expect(openDataset(dir)).rejects.toThrow(`${file}: dataset.json is not valid JSON`);
  });

  it('knows whether a dataset exists and is complete', async () => {
    const partial = makeTempDir();
    try {
      expect(await datasetExists(partial)).toBe(false);
      expect(await isDatasetComplete(partial)).toBe(false);
      await build(partial, false);
      expect(await datasetExists(partial)).toBe(true);
      expect(await isDatasetComplete(partial)).toBe(false);
      const ds = await openDataset(partial);
      expect(ds.count).toBe(9); // the finished shards of an unfinished run are readable
      expect(await ds.read(8)).toEqual(testSample(INDICES[8]));
      await ds.close();
      expect(await isDatasetComplete(dir)).toBe(true);
    } finally {
      removeDir(partial);
    }
  });
});

describe('Dataset invalid parameters', () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeTempDir();
    await build(dir);
  });
  afterAll(() => removeDir(dir));

  it('rejects positions and ranges outside the dataset', async () => {
    const ds = await openDataset(dir);
    await expect(ds.read(10)).rejects.toThrow('dataset position 10 is outside [0, 10)');
    await expect(ds.read(-1)).rejects.toThrow('dataset position -1 is outside [0, 10)');
    expect(() => ds.indexAt(1.5)).toThrow('dataset position 1.5 is outside');
    await expect(collect(ds.samples({ start: 4, end: 11 }))).rejects.toThrow('range [4, 11) is outside [0, 10)');
    await expect(collect(ds.samples({ start: -2 }))).rejects.toThrow('start must be a non-negative integer, got -2');
    await expect(collect(ds.samples({ order: [1], start: 0 }))).rejects.toThrow('give either order or start/end');
    await ds.close();
  });

  it('rejects a directory without dataset.json', async () => {
    const empty = makeTempDir();
    await expect(openDataset(empty)).rejects.toThrow(`${join(empty, DATASET_FILE)}: dataset.json not found`);
    removeDir(empty);
  });
});

describe('throughput', () => {
  it('writes and reads 64 KB samples at a useful rate', async () => {
    const dir = makeTempDir();
    const schema = { task: 'motion' as const, version: 1, fields: [{ name: 'frame', dtype: 'uint8' as const, shape: [128, 128, 4] }] };
    const frame = Uint8Array.from({ length: 128 * 128 * 4 }, (_, i) => (i * 31) & 0xff);
    const n = 400;
    try {
      let t = performance.now();
      const writer = await DatasetWriter.open(dir, schema, { samplesPerShard: 128 });
      for (const k of range(0, n)) await writer.write({ index: k, sample: { frame } });
      await writer.finish();
      const writeS = (performance.now() - t) / 1000;
      const ds = await openDataset(dir);
      t = performance.now();
      let bytes = 0;
      for await (const item of ds.samples()) bytes += item.sample.frame.length;
      const readS = (performance.now() - t) / 1000;
      await ds.close();
      const mb = bytes / 2 ** 20;
      process.stdout.write(`shards: write ${(mb / writeS).toFixed(0)} MB/s, read ${(mb / readS).toFixed(0)} MB/s (${mb.toFixed(0)} MB)\n`);
      expect(bytes).toBe(n * frame.length);
      expect(mb / writeS).toBeGreaterThan(5);
      expect(mb / readS).toBeGreaterThan(5);
    } finally {
      removeDir(dir);
    }
  });
});
