// Runs stream positions [startIndex, total) through the worker pool in order and applies the
// bad-input policy to positions a worker could not fill.
import { FieldArray, RunReport, Sample, SampleSchema, SampleStream, StreamContext, StreamItem, WorkerPool } from '@mtssl/core';
import type { ColorizationResult, ColorizationTask } from './task';

export interface DriveSpec {
  readonly schema: SampleSchema;
  readonly workerFile: string;
  readonly context: StreamContext;
  readonly taskFor: (k: number) => ColorizationTask;
}

export function driveStream(spec: DriveSpec): SampleStream {
  const report = new RunReport(spec.schema.task, spec.context.policy);
  return {
    schema: spec.schema,
    report,
    [Symbol.asyncIterator]: () => iterate(spec, report),
  };
}

/**
 * Re-views each field with this realm's typed-array constructors (no copy). Arrays that arrive from a
 * worker can belong to another realm (e.g. under Jest's VM), where instanceof-based dtype checks fail.
 */
function localViews(sample: Sample): Sample {
  const out: Sample = {};
  for (const [name, v] of Object.entries(sample)) out[name] = localView(v);
  return out;
}

function localView(v: FieldArray): FieldArray {
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object Int32Array]') return new Int32Array(v.buffer, v.byteOffset, v.length);
  if (tag === '[object Float32Array]') return new Float32Array(v.buffer, v.byteOffset, v.length);
  return new Uint8Array(v.buffer, v.byteOffset, v.length);
}

/** Grayscale images are a data fact, not damage: recorded (via merge) without failing a 'fail' run. */
function recordSkip(report: RunReport, result: Extract<ColorizationResult, { ok: false }>): void {
  if (!result.grayscale) {
    report.badInput(result.file, result.reason); // throws under policy 'fail'
    return;
  }
  const skipped = [{ file: result.file, reason: result.reason }];
  report.merge({ stream: report.stream, policy: report.policy, inputsSeen: 0, samplesWritten: 0, skipped, skippedByReason: {} });
}

async function* iterate(spec: DriveSpec, report: RunReport): AsyncGenerator<StreamItem> {
  const { context } = spec;
  const start = context.startIndex ?? 0;
  const seen = new Set<string>();
  function* tasks(): Generator<ColorizationTask> {
    for (let k = start; k < context.total; k++) {
      const task = spec.taskFor(k);
      seen.add(task.file);
      yield task;
    }
  }
  const pool = new WorkerPool<ColorizationTask, ColorizationResult>({ workerFile: spec.workerFile, threads: context.threads });
  let done = 0;
  let skipped = 0;
  try {
    for await (const result of pool.mapOrdered(tasks(), context.signal)) {
      done++;
      report.inputsSeen = seen.size;
      if (result.ok) {
        report.samplesWritten++;
        yield { index: result.index, sample: localViews(result.sample) };
      } else {
        skipped++;
        recordSkip(report, result);
      }
      context.onProgress?.({ done: start + done, total: context.total, samples: report.samplesWritten, skipped });
    }
  } finally {
    await pool.destroy();
  }
}
