// Called once at the top of every worker module: applies the pool's settings inside the worker.
import { isMainThread, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { setDecodeCacheBytes } from '../image';

let configured = false;

/** Sets libvips' thread count (sharp.concurrency) and the decoded-image cache from the pool's workerData; idempotent. */
export function configureWorker(): Readonly<Record<string, unknown>> {
  const data = (isMainThread ? {} : (workerData ?? {})) as Record<string, unknown>;
  if (!configured) {
    const n = typeof data['sharpConcurrency'] === 'number' ? data['sharpConcurrency'] : 1;
    sharp.concurrency(n);
    sharp.cache(false); // libvips' operation cache keys on inputs we never repeat; decoded pixels are kept instead
    if (typeof data['decodeCacheBytes'] === 'number') setDecodeCacheBytes(data['decodeCacheBytes']);
    configured = true;
  }
  return data;
}
