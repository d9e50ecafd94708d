// Worker pool on Piscina: results come back in input order (sample k is the same whatever the
// worker count), at most `maxInFlight` tasks are outstanding (backpressure), buffers are moved
// rather than copied, and the pool shuts down cleanly on error or abort.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, basename, dirname } from 'node:path';
import { Piscina } from 'piscina';
import { requireIntInRange, requireNonNegativeInt, requirePositiveInt, rejectUnknownKeys } from '../options';

export interface PoolOptions {
  /** Absolute path of the compiled worker module (see resolveWorkerFile). */
  readonly workerFile: string;
  /** Name of the function the worker module exports for each task. */
  readonly handler?: string;
  readonly threads?: number;
  /** Bound on queued plus running tasks; the producer waits beyond it. */
  readonly maxInFlight?: number;
  /**
   * Tasks each worker runs at once. Above 1 a worker's JavaScript for one sample runs while libvips
   * (on libuv's thread pool) decodes the next, so one worker keeps its core busy.
   */
  readonly tasksPerWorker?: number;
  /** Threads libvips may use inside each worker (sharp.concurrency); 1 keeps threads from multiplying. */
  readonly sharpConcurrency?: number;
  /**
   * Scheduling niceness added to each worker thread (0 normal, up to 19 lowest; Linux only, where nice is
   * per thread, elsewhere ignored). `train --live` lowers its streams so the training step's threads win a
   * contended core and the streams run in the time the step leaves idle.
   */
  readonly niceness?: number;
  /**
   * MiB of decoded images each worker keeps for the next request of the same file (0: none). An epoch
   * after the first then skips decoding whatever fits; a one-epoch run only spends the memory. The
   * default holds a few thousand photos at the cpu preset's sizes (the 2,500 flowers: ~255 MB for
   * relative position, ~370 MB at their own size for colorization), so a multi-epoch run over such a
   * corpus decodes each file once a worker.
   */
  readonly decodeCacheMiB?: number;
  /** Passed to every worker as Piscina's workerData. */
  readonly workerData?: Readonly<Record<string, unknown>>;
}

export const POOL_DEFAULTS = Object.freeze({
  handler: 'handle',
  threads: 1,
  tasksPerWorker: 2,
  sharpConcurrency: 1,
  niceness: 0,
  decodeCacheMiB: 512,
});

const KNOWN = ['workerFile', 'handler', 'threads', 'tasksPerWorker', 'maxInFlight', 'sharpConcurrency', 'niceness', 'decodeCacheMiB', 'workerData'];

/** Data every worker sees: callers' workerData plus the pool's own settings. */
export interface PoolWorkerData extends Record<string, unknown> {
  readonly sharpConcurrency: number;
  readonly decodeCacheBytes: number;
}

export class WorkerPool<TIn, TOut> {
  readonly threads: number;
  readonly maxInFlight: number;
  readonly tasksPerWorker: number;
  private readonly piscina: Piscina<TIn, TOut>;
  private readonly abort = new AbortController();
  private closed = false;

  constructor(options: PoolOptions) {
    rejectUnknownKeys('WorkerPool', options, KNOWN);
    if (!existsSync(options.workerFile)) {
      throw new Error(`worker module not found: ${options.workerFile} (build the package first: npx nx run-many -t build)`);
    }
    this.threads = requirePositiveInt('threads', options.threads ?? POOL_DEFAULTS.threads);
    const tasksPerWorker = requirePositiveInt('tasksPerWorker', options.tasksPerWorker ?? POOL_DEFAULTS.tasksPerWorker);
    this.tasksPerWorker = tasksPerWorker;
    this.maxInFlight = requirePositiveInt('maxInFlight', options.maxInFlight ?? this.threads * tasksPerWorker * 4);
    const sharpConcurrency = requirePositiveInt('sharpConcurrency', options.sharpConcurrency ?? POOL_DEFAULTS.sharpConcurrency);
    const niceness = requireIntInRange('niceness', options.niceness ?? POOL_DEFAULTS.niceness, 0, 19);
    const decodeCacheBytes = requireNonNegativeInt('decodeCacheMiB', options.decodeCacheMiB ?? POOL_DEFAULTS.decodeCacheMiB) * 2 ** 20;
    const workerData: PoolWorkerData = { ...(options.workerData ?? {}), sharpConcurrency, decodeCacheBytes };
    this.piscina = new Piscina<TIn, TOut>({
      filename: options.workerFile,
      name: options.handler ?? POOL_DEFAULTS.handler,
      minThreads: this.threads,
      maxThreads: this.threads,
      concurrentTasksPerWorker: tasksPerWorker,
      // Piscina's own queue is a second bound behind maxInFlight; it must never be the one that trips.
      maxQueue: this.maxInFlight + this.threads,
      idleTimeout: 60_000,
      // Piscina lowers each worker thread's priority through its optional @napi-rs/nice; nice(2) is per
      // thread on Linux only (elsewhere it would lower the whole process, trainer included)
      ...(niceness > 0 && process.platform === 'linux' ? { niceIncrement: niceness } : {}),
      workerData,
    });
    // Piscina reports replies to tasks it already abandoned (after abort or destroy) as pool
    // 'error' events; unhandled, one would crash the process. Keep the first real one for run().
    this.piscina.on('error', (err: unknown) => {
      if (!this.closed && !this.abort.signal.aborted && !this.poolError) this.poolError = err instanceof Error ? err : new Error(String(err));
    });
  }

  private poolError: Error | undefined;

  /** Runs one task; `transfer` lists buffers moved (not copied) into the worker. */
  run(task: TIn, transfer: ArrayBuffer[] = []): Promise<TOut> {
    if (this.closed) return Promise.reject(new Error('WorkerPool is closed'));
    if (this.poolError) return Promise.reject(this.poolError);
    // Piscina never gives a worker a second task while it runs an abortable one, so above one task a
    // worker the tasks go without the signal; destroy() still stops them by terminating the workers.
    const signal = this.tasksPerWorker === 1 ? { signal: this.abort.signal } : {};
    return this.piscina.run(task, { transferList: transfer, ...signal });
  }

  /**
   * Maps inputs through the pool and yields results in input order, keeping at most
   * maxInFlight tasks outstanding. A task that throws rejects at its own position; results
   * before it have been yielded. Stops early (cancelling what is queued) if `signal` aborts.
   */
  async *mapOrdered(inputs: Iterable<TIn> | AsyncIterable<TIn>, signal?: AbortSignal): AsyncGenerator<TOut> {
    const pending: Array<Promise<TOut>> = [];
    const onAbort = () => this.abort.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const input of inputs) {
        throwIfAborted(signal);
        const p = this.run(input);
        p.catch(() => undefined); // handled when its turn comes; avoid unhandled-rejection noise
        pending.push(p);
        if (pending.length >= this.maxInFlight) yield await (pending.shift() as Promise<TOut>);
      }
      while (pending.length > 0) {
        throwIfAborted(signal);
        yield await (pending.shift() as Promise<TOut>);
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // Anything still pending belongs to an abandoned iteration; let it settle quietly.
      for (const p of pending) p.catch(() => undefined);
    }
  }

  /** Waits for running tasks, then stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.piscina.close();
  }

  /** Cancels queued and running tasks and terminates the workers at once. */
  async destroy(): Promise<void> {
    this.closed = true;
    this.abort.abort(new Error('WorkerPool destroyed'));
    await this.piscina.destroy();
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    throw reason instanceof Error ? reason : new Error('aborted');
  }
}

/**
 * Locates a worker module's compiled JavaScript. Code running from `dist/` finds it beside
 * itself; code running from `src/` under a TypeScript test runner finds the built copy in `dist/`.
 */
export function resolveWorkerFile(callerDir: string, workerName: string): string {
  const file = `${workerName}.js`;
  const beside = join(callerDir, file);
  if (existsSync(beside)) return beside;
  if (basename(callerDir) === 'src') {
    const built = join(dirname(callerDir), 'dist', file);
    if (existsSync(built)) return built;
    throw new Error(`worker ${workerName} is not built: ${built} is missing (run npx nx run-many -t build)`);
  }
  throw new Error(`worker module not found: ${beside}`);
}

/** A sensible default: leave one core for the main thread (the trainer or the writer). */
export function defaultThreads(): number {
  return Math.max(1, cpus().length - 1);
}
