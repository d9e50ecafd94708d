// Called once at the top of every worker module: applies the pool's settings inside the worker.
import { isMainThread, workerData } from 'node:worker_threads';
import sharp from 'sharp';

let configured = false;

/** Sets libvips' thread count (sharp.concurrency) from the pool's workerData; idempotent. */
export function configureWorker(): Readonly<Record<string, unknown>> {
  const data = (isMainThread ? {} : (workerData ?? {})) as Record<string, unknown>;
  if (!configured) {
    const n = typeof data['sharpConcurrency'] === 'number' ? data['sharpConcurrency'] : 1;
    sharp.concurrency(n);
    sharp.cache(false); // each worker decodes each file once; the cache would only hold memory
    configured = true;
  }
  return data;
}
