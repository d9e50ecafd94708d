// `benchStream` (`mtssl bench --stream <task>`): one stream's samples/s, timed the way the Python/PIL peer times itself
// (../shared/peers/pipeline-peer): every image of the manifest, seed 1, policy skip, a warm-up from pool
// creation, then the samples reaching the main thread for a fixed time; no shard writing.
import { POOL_DEFAULTS, requireNonNegativeInt, requireNumberInRange, requireOneOf, requirePositiveInt, TASKS, TaskName } from '@mtssl/core';
import { readManifest } from './manifest';
import { STREAMS } from './registry';

export interface StreamBenchOptions {
  readonly task: TaskName;
  readonly threads: number;
  readonly seconds: number;
  readonly warmup: number;
  readonly manifest: string;
  readonly preset: string;
  /** MiB of decoded images each worker keeps; undefined: the pool's default, 0: none (every sample decodes). */
  readonly decodeCacheMiB?: number;
}

export interface StreamBenchResult {
  readonly side: 'project';
  readonly task: TaskName;
  readonly threads: number;
  readonly preset: string;
  readonly samples: number;
  readonly positions: number;
  readonly seconds: number;
  readonly samples_per_s: number;
  readonly positions_per_s: number;
  readonly bytes_per_sample: number;
  readonly peak_rss_mb: number;
  /** MiB of decoded images each worker could keep. */
  readonly decode_cache_mib: number;
  readonly files: number;
  readonly skipped: Readonly<Record<string, number>>;
  readonly options: object;
}

function checkOptions(a: StreamBenchOptions): void {
  requireOneOf('task', a.task, TASKS);
  requirePositiveInt('threads', a.threads);
  requireNumberInRange('seconds', a.seconds, 0, Number.MAX_VALUE);
  requireNumberInRange('warmup', a.warmup, 0, Number.MAX_VALUE);
  if (a.decodeCacheMiB !== undefined) requireNonNegativeInt('decodeCacheMiB', a.decodeCacheMiB);
}

export async function benchStream(a: StreamBenchOptions, signal: AbortSignal): Promise<StreamBenchResult> {
  checkOptions(a);
  const stream = STREAMS[a.task];
  const manifest = await readManifest(a.manifest);
  const options = stream.resolveOptions({ ...(stream.presets as Record<string, object>)[a.preset] });
  const source = STREAMS[a.task].source;
  const files = manifest[source].length;
  if (files === 0) throw new Error(`bench --stream ${a.task}: ${a.manifest} lists no ${source}`);
  let peak = process.memoryUsage().rss;
  const poll = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  const warmEnd = performance.now() + a.warmup * 1000;
  let start: number | null = null;
  let first = -1;
  let last = -1;
  let samples = 0;
  let bytes = 0;
  const s = stream.open(manifest, options, { seed: 1, threads: a.threads, policy: 'skip', total: 1e9, signal, decodeCacheMiB: a.decodeCacheMiB });
  try {
    for await (const item of s) {
      const now = performance.now();
      if (start === null) {
        if (now >= warmEnd) {
          start = now;
          first = item.index;
        }
        continue;
      }
      samples++;
      last = item.index;
      for (const v of Object.values(item.sample)) bytes += (v as ArrayBufferView).byteLength;
      if (now - start >= a.seconds * 1000) break;
    }
  } finally {
    clearInterval(poll);
  }
  const seconds = (performance.now() - (start ?? performance.now())) / 1000;
  const positions = Math.max(0, last - first);
  return {
    side: 'project', task: a.task, threads: a.threads, preset: a.preset, samples, positions,
    seconds: +seconds.toFixed(3), samples_per_s: +(samples / Math.max(seconds, 1e-9)).toFixed(1), positions_per_s: +(positions / Math.max(seconds, 1e-9)).toFixed(1),
    bytes_per_sample: Math.round(bytes / Math.max(1, samples)), decode_cache_mib: a.decodeCacheMiB ?? POOL_DEFAULTS.decodeCacheMiB, peak_rss_mb: +(Math.max(peak, process.memoryUsage().rss) / 2 ** 20).toFixed(1),
    files, skipped: s.report.toJSON().skippedByReason, options,
  };
}
