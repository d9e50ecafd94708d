import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquirePool, PoolCache } from './pool-cache';

function makeWorker(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mtssl-cache-')), 'count.worker.js');
  // counts the tasks this worker served: a kept worker goes on counting
  writeFileSync(file, `let served = 0;\nexports.handle = async () => ({ served: ++served, threadId: require('node:worker_threads').threadId });\n`);
  return file;
}

describe('PoolCache', () => {
  const workerFile = makeWorker();

  it('hands out one running pool per set of options until close()', async () => {
    const cache = new PoolCache();
    const first = acquirePool<object, { served: number; threadId: number }>(cache, { workerFile, threads: 1 });
    expect(first.owned).toBe(false);
    const a = await first.pool.run({});
    const second = acquirePool<object, { served: number; threadId: number }>(cache, { workerFile, threads: 1 });
    expect(second.pool).toBe(first.pool);
    const b = await second.pool.run({});
    expect(b).toEqual({ served: a.served + 1, threadId: a.threadId });
    expect(acquirePool(cache, { workerFile, threads: 2 }).pool).not.toBe(first.pool);
    await cache.close();
    await expect(first.pool.run({})).rejects.toThrow('closed');
    const fresh = acquirePool<object, { served: number }>(cache, { workerFile, threads: 1 });
    expect(fresh.pool).not.toBe(first.pool);
    expect((await fresh.pool.run({})).served).toBe(1);
    await cache.close();
  });

  it('without a cache a stream owns (and must stop) its pool', async () => {
    const { pool, owned } = acquirePool(undefined, { workerFile, threads: 1 });
    expect(owned).toBe(true);
    await pool.destroy();
  });

  it('applies its defaults to every pool it starts, a pool\'s own options first', async () => {
    const cache = new PoolCache({ maxInFlight: 64 });
    expect(acquirePool(cache, { workerFile, threads: 1 }).pool.maxInFlight).toBe(64);
    expect(acquirePool(cache, { workerFile, threads: 1, maxInFlight: 4 }).pool.maxInFlight).toBe(4);
    // an option passed as undefined is not set: the default stays
    expect(acquirePool(cache, { workerFile, threads: 1, maxInFlight: undefined }).pool.maxInFlight).toBe(64);
    await cache.close();
  });
});
