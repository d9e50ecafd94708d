// Worker pools kept across the streams one owner opens in turn. `train --live` opens a stream per epoch;
// with a cache its workers start once (threads, modules, colorization's bin table) instead of every epoch.
import { PoolOptions, WorkerPool } from './pool';

/** Defaults for every pool the cache starts; a pool's own options take precedence. */
export interface PoolCacheOptions {
  /** Niceness of the workers (see PoolOptions). */
  readonly niceness?: number;
  /**
   * Tasks outstanding per pool (see PoolOptions). A consumer that blocks its event loop between reads
   * (a training step) collects results only between steps: the workers run ahead this far meanwhile.
   */
  readonly maxInFlight?: number;
  /** MiB of decoded images each worker keeps across the streams it serves (see PoolOptions). */
  readonly decodeCacheMiB?: number;
}

export class PoolCache {
  private readonly pools = new Map<string, WorkerPool<unknown, unknown>>();

  constructor(private readonly defaults: PoolCacheOptions = {}) {}

  /** The pool for these options, started on first use; it lives until close(). */
  get<TIn, TOut>(options: PoolOptions): WorkerPool<TIn, TOut> {
    // an option given as undefined means "not set": it leaves the cache's default in place
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as PoolOptions;
    const o: PoolOptions = { ...this.defaults, ...given };
    const key = JSON.stringify([o.workerFile, o.handler, o.threads, o.tasksPerWorker, o.sharpConcurrency, o.niceness, o.maxInFlight, o.decodeCacheMiB]);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new WorkerPool<unknown, unknown>(o);
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
