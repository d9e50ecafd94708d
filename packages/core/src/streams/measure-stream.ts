// Throughput of a stream for the bench scripts: samples/s at each thread count and the process's
// peak RSS, so every stream package measures the same way.
import type { RunReportJSON } from '../samples';
import type { ResolvedManifest } from '../manifest';
import type { SampleStream, StreamContext } from './stream';

/** Anything that opens a sample stream, e.g. a PretextStream; S keeps a stream's extra counters. */
export interface OpensStream<O, S extends SampleStream> {
  open(manifest: ResolvedManifest, options: Readonly<O>, context: StreamContext): S;
}

export interface MeasureOptions {
  readonly threads: readonly number[];
  /** Stream positions per run. */
  readonly total: number;
  readonly seed: number;
  /** Positions run once on 1 thread first, untimed (file cache, module loading); 0 for none. */
  readonly warmup?: number;
}

export interface StreamRun<S extends SampleStream> {
  readonly threads: number;
  readonly samples: number;
  readonly seconds: number;
  readonly samplesPerSecond: number;
  readonly report: RunReportJSON;
  /** The drained stream, for counters a package adds (motion's framesDecoded). */
  readonly stream: S;
}

export interface StreamMeasurement<S extends SampleStream> {
  readonly runs: readonly StreamRun<S>[];
  /** Peak resident set of this process; worker threads are part of it, child processes are not. */
  readonly peakRssMiB: number;
}

async function drain<O, S extends SampleStream>(
  stream: OpensStream<O, S>,
  manifest: ResolvedManifest,
  options: Readonly<O>,
  context: StreamContext,
): Promise<StreamRun<S>> {
  const s = stream.open(manifest, options, context);
  const t0 = process.hrtime.bigint();
  let samples = 0;
  for await (const _item of s) samples++;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { threads: context.threads, samples, seconds, samplesPerSecond: samples / seconds, report: s.report.toJSON(), stream: s };
}

/** Runs the stream once per thread count (policy 'skip') and reports each run's throughput. */
export async function measureStream<O, S extends SampleStream>(
  stream: OpensStream<O, S>,
  manifest: ResolvedManifest,
  options: Readonly<O>,
  measure: MeasureOptions,
): Promise<StreamMeasurement<S>> {
  const base = { seed: measure.seed, policy: 'skip' as const };
  if (measure.warmup) await drain(stream, manifest, options, { ...base, threads: 1, total: measure.warmup });
  const runs: StreamRun<S>[] = [];
  for (const threads of measure.threads) runs.push(await drain(stream, manifest, options, { ...base, threads, total: measure.total }));
  // maxRSS is in KiB.
  return { runs, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}
