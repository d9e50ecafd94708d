import { mkdtempSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool, resolveWorkerFile } from './pool';

// A plain-JS worker written by the test, so the pool is tested without any build step.
function makeWorker(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mtssl-pool-'));
  const file = join(dir, 'echo.worker.js');
  writeFileSync(
    file,
    `
const { setTimeout: sleep } = require('node:timers/promises');
const { threadId } = require('node:worker_threads');
const { getPriority } = require('node:os');
let running = 0;
exports.priority = async () => getPriority(0);
exports.data = async () => require('node:worker_threads').workerData;
exports.handle = async (task) => {
  if (task.throw) throw new Error('task ' + task.k + ' failed on purpose');
  if (task.crash) process.exit(3);
  const concurrent = ++running;
  await sleep(task.delay || 0);
  running--;
  const out = new Float32Array(4).fill(task.k);
  return { k: task.k, threadId, out, concurrent };
};
`,
  );
  return file;
}

describe('WorkerPool', () => {
  const workerFile = makeWorker();

  it('yields results in input order whatever order workers finish in', async () => {
    const pool = new WorkerPool<{ k: number; delay: number }, { k: number; out: Float32Array }>({ workerFile, threads: 2 });
    const inputs = [0, 1, 2, 3, 4, 5].map((k) => ({ k, delay: (6 - k) * 10 }));
    const ks: number[] = [];
    for await (const r of pool.mapOrdered(inputs)) {
      ks.push(r.k);
      expect(Array.from(r.out)).toEqual([r.k, r.k, r.k, r.k]);
    }
    expect(ks).toEqual([0, 1, 2, 3, 4, 5]);
    await pool.close();
  });

  it('keeps at most maxInFlight tasks outstanding (backpressure)', async () => {
    const pool = new WorkerPool<{ k: number }, { k: number }>({ workerFile, threads: 1, maxInFlight: 2 });
    let produced = 0;
    function* inputs() {
      for (let k = 0; k < 8; k++) {
        produced++;
        yield { k };
      }
    }
    const lag: number[] = [];
    let consumed = 0;
    for await (const _ of pool.mapOrdered(inputs())) {
      consumed++;
      lag.push(produced - consumed);
    }
    expect(consumed).toBe(8);
    expect(Math.max(...lag)).toBeLessThanOrEqual(2);
    await pool.close();
  });

  it('survives a throwing task: the error surfaces at its position and the pool keeps working', async () => {
    const pool = new WorkerPool<{ k: number; throw?: boolean }, { k: number }>({ workerFile, threads: 2 });
    await expect(pool.run({ k: 1, throw: true })).rejects.toThrow('task 1 failed on purpose');
    const seen: number[] = [];
    const it = pool.mapOrdered([{ k: 0 }, { k: 1, throw: true }, { k: 2 }]);
    await expect(
      (async () => {
        for await (const r of it) seen.push(r.k);
      })(),
    ).rejects.toThrow('task 1 failed on purpose');
    expect(seen).toEqual([0]);
    expect((await pool.run({ k: 9 })).k).toBe(9);
    await pool.close();
  });

  it('replaces a worker that crashes', async () => {
    const pool = new WorkerPool<{ k: number; crash?: boolean }, { k: number }>({ workerFile, threads: 1 });
    await expect(pool.run({ k: 0, crash: true })).rejects.toThrow();
    expect((await pool.run({ k: 5 })).k).toBe(5);
    await pool.destroy();
  });

  it('stops on abort and rejects further work after close', async () => {
    const pool = new WorkerPool<{ k: number; delay: number }, { k: number }>({ workerFile, threads: 1 });
    const controller = new AbortController();
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const r of pool.mapOrdered(
          Array.from({ length: 20 }, (_, k) => ({ k, delay: 5 })),
          controller.signal,
        )) {
          got.push(r.k);
          if (r.k === 2) controller.abort(new Error('interrupted'));
        }
      })(),
    ).rejects.toThrow('interrupted');
    expect(got).toEqual([0, 1, 2]);
    await pool.destroy();
    await expect(pool.run({ k: 1, delay: 0 })).rejects.toThrow('closed');
  });

  it('runs tasksPerWorker tasks at once in each worker', async () => {
    const concurrency = async (tasksPerWorker: number) => {
      const pool = new WorkerPool<{ k: number; delay: number }, { concurrent: number }>({ workerFile, threads: 1, tasksPerWorker });
      const seen: number[] = [];
      for await (const r of pool.mapOrdered([0, 1, 2, 3].map((k) => ({ k, delay: 150 })))) seen.push(r.concurrent);
      await pool.close();
      return Math.max(...seen);
    };
    expect(await concurrency(1)).toBe(1);
    expect(await concurrency(2)).toBe(2);
  });

  (process.platform === 'linux' ? it : it.skip)('lowers the worker threads by niceness, not the process (Linux)', async () => {
    const nice = new WorkerPool<object, number>({ workerFile, handler: 'priority', threads: 1, niceness: 7 });
    const plain = new WorkerPool<object, number>({ workerFile, handler: 'priority', threads: 1 });
    try {
      const base = getPriority(0);
      expect(await nice.run({})).toBe(Math.min(19, base + 7));
      expect(await plain.run({})).toBe(base);
      expect(getPriority(0)).toBe(base);
    } finally {
      await Promise.all([nice.destroy(), plain.destroy()]);
    }
  });

  it("gives each worker its decoded-image budget in bytes (512 MiB unless set)", async () => {
    const plain = new WorkerPool<object, Record<string, unknown>>({ workerFile, handler: 'data', threads: 1 });
    const off = new WorkerPool<object, Record<string, unknown>>({ workerFile, handler: 'data', threads: 1, decodeCacheMiB: 0 });
    try {
      expect((await plain.run({}))['decodeCacheBytes']).toBe(512 * 2 ** 20);
      expect((await off.run({}))['decodeCacheBytes']).toBe(0);
    } finally {
      await Promise.all([plain.destroy(), off.destroy()]);
    }
  });

  describe('invalid parameters', () => {
    it('rejects bad options with clear messages', () => {
      expect(() => new WorkerPool({ workerFile, decodeCacheMiB: -1 })).toThrow('decodeCacheMiB must be a non-negative integer, got -1');
      expect(() => new WorkerPool({ workerFile, niceness: 20 })).toThrow('niceness must be an integer in [0, 19], got 20');
      expect(() => new WorkerPool({ workerFile, niceness: -1 })).toThrow('niceness must be an integer in [0, 19], got -1');
      expect(() => new WorkerPool({ workerFile, tasksPerWorker: 1.5 })).toThrow('tasksPerWorker must be a positive integer, got 1.5');
      expect(() => new WorkerPool({ workerFile, threads: 0 })).toThrow('threads must be a positive integer, got 0');
      expect(() => new WorkerPool({ workerFile, maxInFlight: -1 })).toThrow('maxInFlight must be a positive integer, got -1');
      expect(() => new WorkerPool({ workerFile: '/nope/x.js' })).toThrow('worker module not found: /nope/x.js');
      expect(() => new WorkerPool({ workerFile, thread: 2 } as never)).toThrow('unknown option "thread"');
    });
    it('resolveWorkerFile explains a missing build', () => {
      expect(() => resolveWorkerFile('/tmp/nowhere/src', 'x.worker')).toThrow('is not built');
    });
  });
});
