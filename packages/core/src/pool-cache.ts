// Worker pools kept across the streams one owner opens in turn. `train --live` opens a stream per epoch;
// with a cache its workers start once (threads, modules, colorization's bin table) instead of every epoch.
import { PoolOptions, WorkerPool } from './pool';

export class PoolCache {
  private readonly pools = new Map<string, WorkerPool<unknown, unknown>>();

  /** The pool for these options, started on first use; it lives until close(). */
  get<TIn, TOut>(options: PoolOptions): WorkerPool<TIn, TOut> {
    const key = JSON.stringify([options.workerFile, options.handler, options.threads, options.tasksPerWorker, options.sharpConcurrency]);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new WorkerPool<unknown, unknown>(options);
      this.pools.set(key, pool);
    }
    return pool as unknown as WorkerPool<TIn, TOut>;
  }

  /** Waits for running tasks (a motion worker reaps its ffmpeg child) and stops every worker. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }
}

/** A stream's pool: from its context's cache when there is one (whose owner stops it), else its own. */
export function acquirePool<TIn, TOut>(pools: PoolCache | undefined, options: PoolOptions): { pool: WorkerPool<TIn, TOut>; owned: boolean } {
  if (pools) return { pool: pools.get<TIn, TOut>(options), owned: false };
  return { pool: new WorkerPool<TIn, TOut>(options), owned: true };
}
