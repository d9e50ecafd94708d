import { DatasetWriter } from './dataset-writer';
import { datasetRecordDigests } from './record-digests';
import { SHARD_TEST_SCHEMA as SCHEMA, makeTempDir, removeDir, testItems } from '../testing/shard-fixtures';

async function build(dir: string, indices: number[], samplesPerShard: number): Promise<void> {
  const writer = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard });
  for (const item of testItems(indices)) await writer.write(item);
  await writer.finish();
}

describe('datasetRecordDigests', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = makeTempDir();
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach(removeDir));

  it('is equal for the same records however they are sharded, and differs when a record differs', async () => {
    const [a, b, c] = [dir(), dir(), dir()];
    await build(a, [0, 1, 2, 3, 4], 2);
    await build(b, [0, 1, 2, 3, 4], 5);
    await build(c, [0, 1, 2, 3, 5], 2);
    const [da, db, dc] = await Promise.all([a, b, c].map(datasetRecordDigests));
    expect(da).toHaveLength(5);
    expect(new Set(da).size).toBe(5);
    expect(db).toEqual(da);
    expect(dc.slice(0, 4)).toEqual(da.slice(0, 4));
    expect(dc[4]).not.toBe(da[4]);
  });

  it('names the folder when it holds no dataset', async () => {
    const empty = dir();
    await expect(datasetRecordDigests(empty)).rejects.toThrow(empty);
  });
});
