import { RunReport } from '../samples';
import { openDataset } from './dataset-reader';
import { DatasetWriter } from './dataset-writer';
import type { SampleStream, StreamItem } from '../streams';
import { SHARD_TEST_SCHEMA as SCHEMA, makeTempDir, range, removeDir, testItems } from '../testing/shard-fixtures';
import { writeStreamShards } from './write-stream';

function streamOf(items: readonly StreamItem[], onItem?: (k: number) => void): SampleStream {
  const report = new RunReport('colorization');
  return {
    schema: SCHEMA,
    report,
    async *[Symbol.asyncIterator]() {
      for (const [k, item] of items.entries()) {
        report.inputsSeen++;
        onItem?.(k);
        yield item;
      }
    },
  };
}

describe('writeStreamShards', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  it('writes the whole stream and finishes with its report', async () => {
    const writer = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    const info = await writeStreamShards(streamOf(testItems(range(0, 9))), writer);
    expect(info).toMatchObject({ complete: true, count: 9, nextIndex: 9, report: { stream: 'colorization', inputsSeen: 9, samplesWritten: 9 } });
    const ds = await openDataset(dir);
    expect(await ds.read(8)).toEqual(testItems([8])[0].sample);
    await ds.close();
  });

  it('on abort keeps finished shards, rethrows, and the next run resumes after them', async () => {
    const controller = new AbortController();
    const items = testItems(range(0, 10));
    const writer = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    const stopAt6 = streamOf(items, (k) => k === 6 && controller.abort(new Error('stop requested')));
    await expect(writeStreamShards(stopAt6, writer, { signal: controller.signal })).rejects.toThrow('stop requested');

    const resumed = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    expect([resumed.resumeIndex, resumed.count]).toEqual([4, 4]);
    // the killed run's report was stored with its finished shard: 4 samples, inputs up to then
    expect(resumed.info.report?.samplesWritten).toBe(4);
    const info = await writeStreamShards(streamOf(items.slice(resumed.resumeIndex)), resumed);
    expect(info.count).toBe(10);
    // the report of a resumed dataset is the report of the whole dataset
    expect(info.report?.samplesWritten).toBe(10);
    expect(info.report?.inputsSeen).toBeGreaterThanOrEqual(10);
    const ds = await openDataset(dir);
    await ds.verify();
    expect(range(0, 10).map((i) => ds.indexAt(i))).toEqual(range(0, 10));
    await ds.close();
  });

  it('rethrows a stream error and leaves the dataset incomplete', async () => {
    const writer = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 2 });
    const failing = streamOf(testItems(range(0, 5)), (k) => {
      if (k === 3) throw new Error('decoder crashed');
    });
    await expect(writeStreamShards(failing, writer)).rejects.toThrow('decoder crashed');
    const ds = await openDataset(dir);
    expect([ds.count, ds.info.complete]).toEqual([2, false]);
    await ds.close();
  });
});

describe('writeStreamShards invalid parameters', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  it('rejects an already aborted signal before writing anything', async () => {
    const writer = await DatasetWriter.open(dir, SCHEMA);
    await expect(writeStreamShards(streamOf(testItems([0])), writer, { signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow(
      'too late',
    );
    expect(writer.count).toBe(0);
  });

  it('rejects items that do not match the writer schema', async () => {
    const writer = await DatasetWriter.open(dir, SCHEMA);
    const bad = streamOf([{ index: 0, sample: { input: new Uint8Array(16) } }]);
    await expect(writeStreamShards(bad, writer)).rejects.toThrow('sample has no field "ab_bins"');
  });
});
