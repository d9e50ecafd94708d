import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError, type SampleSchema } from '../samples';
import { driveStream, PositionResult } from './drive-stream';
import type { StreamContext, StreamItem, StreamProgress } from './stream';

// A plain-JS worker written by the test, so driveStream is tested without any build step. Files named
// bad* fail as damage, grey* fail as a data fact; others yield arrays of all three dtypes.
function makeWorker(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mtssl-drive-'));
  const file = join(dir, 'drive.worker.js');
  writeFileSync(
    file,
    `
exports.handle = async (task) => {
  if (task.file.startsWith('bad')) return { ok: false, index: task.index, file: task.file, reason: 'corrupt image: on purpose' };
  if (task.file.startsWith('grey')) return { ok: false, index: task.index, file: task.file, reason: 'grayscale: on purpose', grey: true };
  const v = task.index * 10 + task.file.length;
  return { ok: true, index: task.index, sample: { u: Uint8Array.of(v & 255), i: Int32Array.of(v), f: Float32Array.of(v / 2) } };
};
// chunks answer each task in order; the chunk's length is recorded to show chunks arrived whole
exports.handleChunk = async (tasks) => Promise.all(tasks.map(async (t) => {
  const r = await exports.handle(t);
  return r.ok ? { ...r, sample: { ...r.sample, u: Uint8Array.of(tasks.length) } } : r;
}));
`,
  );
  return file;
}

interface Task {
  readonly index: number;
  readonly file: string;
}
type Result = PositionResult | { readonly ok: false; readonly index: number; readonly file: string; readonly reason: string; readonly grey: true };

const schema: SampleSchema = {
  task: 'colorization',
  version: 1,
  fields: [
    { name: 'u', dtype: 'uint8', shape: [1] },
    { name: 'i', dtype: 'int32', shape: [1] },
    { name: 'f', dtype: 'float32', shape: [1] },
  ],
};

describe('driveStream', () => {
  const workerFile = makeWorker();

  async function run(files: string[], context: Partial<StreamContext>, dataSkips = false, chunkSize?: number) {
    const ctx: StreamContext = { seed: 1, threads: 1, policy: 'skip', total: 8, ...context };
    const fileAt = (k: number): string => files[k % files.length] as string;
    const stream = driveStream<Task, Result>({
      schema,
      workerFile,
      context: ctx,
      taskFor: (k) => ({ index: k, file: fileAt(k) }),
      filesFor: (k) => [fileAt(k)],
      ...(dataSkips ? { isDataSkip: (r: Result) => 'grey' in r } : {}),
      ...(chunkSize !== undefined ? { chunkSize } : {}),
    });
    const items: StreamItem[] = [];
    for await (const item of stream) items.push(item);
    return { items, report: stream.report.toJSON() };
  }

  it('yields positions in order, the same for 1 and 2 threads and from any start', async () => {
    const one = await run(['a', 'bb', 'ccc'], { threads: 1 });
    const two = await run(['a', 'bb', 'ccc'], { threads: 2 });
    const resumed = await run(['a', 'bb', 'ccc'], { threads: 2, startIndex: 5 });
    expect(one.items.map((i) => i.index)).toEqual([...Array(8).keys()]);
    expect(two.items).toEqual(one.items);
    expect(resumed.items).toEqual(one.items.slice(5));
    expect(one.report).toMatchObject({ samplesWritten: 8, inputsSeen: 3, skipped: [] });
  });

  it('sends chunks of positions to handleChunk and yields the same positions, with skips, from any start', async () => {
    const files = ['a', 'bb', 'bad1', 'ccc'];
    const plain = await run(files, { threads: 2, total: 11 });
    const chunked = await run(files, { threads: 2, total: 11 }, false, 4);
    const withoutU = (items: StreamItem[]) => items.map((i) => ({ index: i.index, f: i.sample['f'] }));
    expect(withoutU(chunked.items)).toEqual(withoutU(plain.items));
    expect(chunked.report).toEqual(plain.report);
    // chunks of 4 from position 0: [0-3] [4-7] [8-10], the last one short
    expect(chunked.items.map((i) => (i.sample['u'] as Uint8Array)[0])).toEqual([4, 4, 4, 4, 4, 4, 3, 3]);
    const resumed = await run(files, { threads: 1, total: 11, startIndex: 5 }, false, 4);
    expect(withoutU(resumed.items)).toEqual(withoutU(plain.items).filter((i) => i.index >= 5));
    await expect(run(files, { policy: 'fail', total: 11 }, false, 4)).rejects.toThrow('bad1: corrupt image: on purpose');
  });

  it('rejects an invalid chunk size', async () => {
    await expect(run(['a'], {}, false, 0)).rejects.toThrow('chunkSize must be a positive integer, got 0');
  });

  it("re-views worker arrays with this realm's constructors", async () => {
    const { items } = await run(['a'], { total: 1 });
    const sample = (items[0] as StreamItem).sample;
    expect(sample['u']).toBeInstanceOf(Uint8Array);
    expect(sample['i']).toBeInstanceOf(Int32Array);
    expect(sample['f']).toBeInstanceOf(Float32Array);
    expect(Array.from(sample['f'] as Float32Array)).toEqual([0.5]);
  });

  it('skips bad inputs under policy skip, reporting progress', async () => {
    const progress: StreamProgress[] = [];
    const { items, report } = await run(['a', 'bad1', 'ccc', 'bad2'], { threads: 2, onProgress: (p) => progress.push(p) });
    expect(items.map((i) => i.index)).toEqual([0, 2, 4, 6]);
    expect(report.skipped).toEqual([
      { file: 'bad1', reason: 'corrupt image: on purpose' },
      { file: 'bad2', reason: 'corrupt image: on purpose' },
    ]);
    expect(report).toMatchObject({ samplesWritten: 4, inputsSeen: 4, skippedByReason: { 'corrupt image': 2 } });
    expect(progress.at(-1)).toEqual({ done: 8, total: 8, samples: 4, skipped: 4 });
  });

  it('stops under policy fail, naming the file', async () => {
    await expect(run(['a', 'bad1'], { policy: 'fail' })).rejects.toThrow(BadInputError);
    await expect(run(['bad1'], { policy: 'fail' })).rejects.toThrow('bad1: corrupt image: on purpose');
  });

  it('records data skips without failing a fail run', async () => {
    const { items, report } = await run(['a', 'grey1'], { policy: 'fail' }, true);
    expect(items.map((i) => i.index)).toEqual([0, 2, 4, 6]);
    expect(report.skipped).toEqual([{ file: 'grey1', reason: 'grayscale: on purpose' }]);
    expect(report.skippedByReason).toEqual({ grayscale: 1 });
    // Without the hook the same failure is damage.
    await expect(run(['a', 'grey1'], { policy: 'fail' })).rejects.toThrow('grey1: grayscale: on purpose');
  });
});
