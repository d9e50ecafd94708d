import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TEMP_PREFIX } from './atomic-write';
import { DatasetLock, LOCK_FILE } from './dataset-lock';
import { DatasetWriter } from './dataset-writer';
import { SHARD_TEST_SCHEMA as SCHEMA, deadPid, leaveKilledWritersLock, makeTempDir, removeDir, testItems } from '../testing/shard-fixtures';

function writeLock(dir: string, owner: object | string): void {
  writeFileSync(join(dir, LOCK_FILE), typeof owner === 'string' ? owner : JSON.stringify(owner));
}

describe('dataset writer lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('refuses a second writer while the first is open, naming the folder and the process', async () => {
    const first = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    await first.write(testItems([0])[0]!);
    const inProgress = readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX));
    expect(inProgress).toHaveLength(1);
    await expect(DatasetWriter.open(dir, SCHEMA)).rejects.toThrow(`${dir} is being written by another process (pid ${process.pid} on ${hostname()}`);
    // the refused writer did not clean up the live writer's shard in progress
    expect(readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual(inProgress);
    const info = await first.finish();
    expect(info.count).toBe(1);
  });

  it('is released by finish, abort and close, so the folder can be opened again', async () => {
    const a = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    for (const item of testItems([0, 1])) await a.write(item);
    await a.abort();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const b = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    await b.close();
    const c = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    for (const item of testItems([0, 1, 2])) await c.write(item);
    await c.finish();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    await (await DatasetWriter.open(dir, SCHEMA)).close();
  });

  it('close refuses to drop a shard in progress', async () => {
    const w = await DatasetWriter.open(dir, SCHEMA, { samplesPerShard: 4 });
    await w.write(testItems([0])[0]!);
    await expect(w.close()).rejects.toThrow(`${dir}: a shard is in progress; finish() or abort() the writer`);
    await w.abort();
  });

  it('takes over a lock left by a killed run, or one that cannot be read', async () => {
    leaveKilledWritersLock(dir);
    const a = await DatasetWriter.open(dir, SCHEMA);
    await a.close();
    writeLock(dir, '');
    const b = await DatasetWriter.open(dir, SCHEMA);
    await b.close();
  });

  it('respects a lock held by another live process, and one from another host', async () => {
    writeLock(dir, { pid: process.ppid, host: hostname(), since: 'then' });
    await expect(DatasetLock.acquire(dir)).rejects.toThrow(`pid ${process.ppid} on ${hostname()}, since then); wait for it to finish, or delete ${join(dir, LOCK_FILE)}`);
    writeLock(dir, { pid: deadPid(), host: `not-${hostname()}`, since: 'then' });
    await expect(DatasetWriter.open(dir, SCHEMA)).rejects.toThrow('is being written by another process');
  });

  it('a writer taken for dead does not free the lock of the writer that took over', async () => {
    const stale = await DatasetWriter.open(dir, SCHEMA);
    leaveKilledWritersLock(dir);
    const successor = await DatasetWriter.open(dir, SCHEMA);
    await stale.abort();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    await expect(DatasetWriter.open(dir, SCHEMA)).rejects.toThrow('is being written by another process');
    await successor.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('releases the lock when opening fails', async () => {
    const w = await DatasetWriter.open(dir, SCHEMA);
    await w.finish();
    const other = { ...SCHEMA, task: 'exemplar' };
    await expect(DatasetWriter.open(dir, other as typeof SCHEMA)).rejects.toThrow('the stored schema differs');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
