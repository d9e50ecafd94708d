// Runs stream positions [startIndex, total) through a worker pool in order and applies the
// bad-input policy to the positions a worker could not fill.
// (Generic; relative-position carries the same file. A candidate for core.)
import { FieldArray, RunReport, Sample, SampleSchema, SampleStream, StreamContext, StreamItem, WorkerPool } from '@mtssl/core';
import type { PositionResult } from './task';

export interface DriveSpec<TTask> {
  readonly schema: SampleSchema;
  readonly workerFile: string;
  readonly context: StreamContext;
  /** The worker task for position k. */
  readonly taskFor: (k: number) => TTask;
  /** The input files position k reads (for the report's input count). */
  readonly filesFor: (k: number) => readonly string[];
}

export function driveStream<TTask>(spec: DriveSpec<TTask>): SampleStream {
  const report = new RunReport(spec.schema.task, spec.context.policy);
  return {
    schema: spec.schema,
    report,
    [Symbol.asyncIterator]: () => iterate(spec, report),
  };
}

async function* iterate<TTask>(spec: DriveSpec<TTask>, report: RunReport): AsyncGenerator<StreamItem> {
  const { context } = spec;
  const start = context.startIndex ?? 0;
  const seen = new Set<string>();
  function* tasks(): Generator<TTask> {
    for (let k = start; k < context.total; k++) {
      for (const f of spec.filesFor(k)) seen.add(f);
      yield spec.taskFor(k);
    }
  }
  const pool = new WorkerPool<TTask, PositionResult>({ workerFile: spec.workerFile, threads: context.threads });
  let done = 0;
  let skipped = 0;
  try {
    for await (const result of pool.mapOrdered(tasks(), context.signal)) {
      done++;
      report.inputsSeen = seen.size;
      if (result.ok) {
        report.samplesWritten++;
        yield { index: result.index, sample: adoptSample(result.sample) };
      } else {
        skipped++;
        report.badInput(result.file, result.reason); // throws under policy 'fail'
      }
      context.onProgress?.({ done: start + done, total: context.total, samples: report.samplesWritten, skipped });
    }
  } finally {
    await pool.destroy();
  }
}

/**
 * Re-views each array with this realm's constructors (no copy). Arrays cloned out of a worker are
 * built by the main realm's constructors, which under a sandboxing runner (Jest's vm context) fail
 * the `instanceof` dtype checks of consumers.
 */
function adoptSample(sample: Sample): Sample {
  const out: Sample = {};
  for (const [name, v] of Object.entries(sample)) out[name] = adoptArray(v);
  return out;
}

function adoptArray(v: FieldArray): FieldArray {
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object Int32Array]') return new Int32Array(v.buffer, v.byteOffset, v.length);
  if (tag === '[object Float32Array]') return new Float32Array(v.buffer, v.byteOffset, v.length);
  return new Uint8Array(v.buffer, v.byteOffset, v.length);
}
