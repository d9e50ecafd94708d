// Runs stream positions [startIndex, total) through a worker pool in order and applies the
// bad-input policy to the positions a worker could not fill. Shared by the image streams.
import { RunReport, type FieldArray, type Sample, type SampleSchema } from '../samples';
import { acquirePool } from '../workers';
import { requirePositiveInt } from '../options';
import type { SampleStream, StreamContext, StreamItem } from './stream';

/** A worker's answer for one stream position: a sample, or the input that made it impossible. */
export type PositionResult =
  | {
      readonly ok: true;
      readonly index: number;
      readonly sample: Sample;
      /** Inputs found bad while making the sample and passed over (e.g. a negative replaced by another). */
      readonly badInputs?: ReadonlyArray<{ readonly file: string; readonly reason: string }>;
    }
  | { readonly ok: false; readonly index: number; readonly file: string; readonly reason: string };

export interface DriveSpec<TTask, TResult extends PositionResult = PositionResult> {
  readonly schema: SampleSchema;
  readonly workerFile: string;
  readonly context: StreamContext;
  /** The worker task for position k. */
  readonly taskFor: (k: number) => TTask;
  /** The input files position k reads (for the report's input count), given its task as taskFor made it. */
  readonly filesFor: (k: number, task: TTask) => readonly string[];
  /**
   * Called for failed positions only: true when the failure is a fact of the data, not damage
   * (colorization's grayscale images). Such a skip is recorded but never fails a 'fail' run.
   */
  readonly isDataSkip?: (result: TResult) => boolean;
  /**
   * Positions per worker task (default 1). Above 1 the worker module exports `handleChunk(tasks)`,
   * answering each task in order, and can share work between neighbouring positions (exemplar decodes
   * the image that is one sample's negative and the next one's anchor once). Samples must not depend on
   * where chunks start: a resumed run starts its first chunk anywhere.
   */
  readonly chunkSize?: number;
}

export function driveStream<TTask, TResult extends PositionResult = PositionResult>(spec: DriveSpec<TTask, TResult>): SampleStream {
  const report = new RunReport(spec.schema.task, spec.context.policy);
  return {
    schema: spec.schema,
    report,
    [Symbol.asyncIterator]: () => iterate(spec, report),
  };
}

async function* iterate<TTask, TResult extends PositionResult>(
  spec: DriveSpec<TTask, TResult>,
  report: RunReport,
): AsyncGenerator<StreamItem> {
  const { context } = spec;
  const start = context.startIndex ?? 0;
  const seen = new Set<string>();
  const chunkSize = requirePositiveInt('chunkSize', spec.chunkSize ?? 1);
  function* chunks(): Generator<TTask[]> {
    for (let k = start; k < context.total; k += chunkSize) {
      const chunk: TTask[] = [];
      for (let j = k; j < Math.min(k + chunkSize, context.total); j++) {
        const task = spec.taskFor(j);
        for (const f of spec.filesFor(j, task)) seen.add(f);
        chunk.push(task);
      }
      yield chunk;
    }
  }
  let done = 0;
  let skipped = 0;
  // leaving this loop (end, break, throw) returns the answers generator, which stops the workers
  for await (const result of answers<TTask, TResult>(spec.workerFile, context, chunkSize, chunks())) {
    done++;
    report.inputsSeen = seen.size;
    if (result.ok) {
      // the policy applies to inputs passed over too: 'fail' stops at them, 'skip' names them
      for (const bad of result.badInputs ?? []) report.badInput(bad.file, bad.reason);
      report.samplesWritten++;
      yield { index: result.index, sample: adoptSample(result.sample) };
    } else {
      skipped++;
      if (spec.isDataSkip?.(result)) recordDataSkip(report, result.file, result.reason);
      else report.badInput(result.file, result.reason); // throws under policy 'fail'
    }
    context.onProgress?.({ done: start + done, total: context.total, samples: report.samplesWritten, skipped });
  }
}

/** The workers' answers in position order: one task a position (`handle`), or one a chunk (`handleChunk`). */
async function* answers<TTask, TResult>(workerFile: string, context: StreamContext, chunkSize: number, chunks: Iterable<TTask[]>): AsyncGenerator<TResult> {
  if (chunkSize === 1) {
    const { pool, owned } = acquirePool<TTask, TResult>(context.pools, { workerFile, threads: context.threads, decodeCacheMiB: context.decodeCacheMiB });
    try {
      yield* pool.mapOrdered(firstOfEach(chunks), context.signal);
    } finally {
      if (owned) await pool.destroy();
    }
    return;
  }
  const { pool, owned } = acquirePool<TTask[], TResult[]>(context.pools, { workerFile, handler: 'handleChunk', threads: context.threads, decodeCacheMiB: context.decodeCacheMiB });
  try {
    for await (const results of pool.mapOrdered(chunks, context.signal)) yield* results;
  } finally {
    if (owned) await pool.destroy();
  }
}

function* firstOfEach<T>(chunks: Iterable<T[]>): Generator<T> {
  for (const chunk of chunks) yield chunk[0] as T;
}

/** Records a skip without the policy: merge adds it to the report (once per file) and never throws. */
function recordDataSkip(report: RunReport, file: string, reason: string): void {
  const skipped = [{ file, reason }];
  report.merge({ stream: report.stream, policy: report.policy, inputsSeen: 0, samplesWritten: 0, skipped, skippedByReason: {} });
}

/**
 * Re-views each array with this realm's constructors (no copy). Arrays cloned out of a worker are
 * built by the main realm's constructors, which under a sandboxing runner (Jest's vm context) fail
 * the `instanceof` checks of consumers such as tfjs (checkSample itself goes by type tag).
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
