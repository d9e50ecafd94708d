// The motion stream: plans chunks of stream positions, runs them in the worker pool in order, and
// turns each chunk's slots into samples, skip counts and bad-input reports.
import { defaultThreads, resolveWorkerFile, ResolvedManifest, RunReport, SampleSchema, SampleStream, StreamContext, StreamItem, acquirePool, resolveFfmpegPath } from '@mtssl/core';
import { ChunkResult, ChunkTask, SLOT_STATUS, SlotStatus } from './chunk';
import type { MotionOptions } from './options';
import { ChunkRef, planChunks } from './positions';
import { rememberMagnitude } from './preview';
import { motionSchema } from './schema';

/** Positions that yielded no sample, by rule (not errors): see motion-mask.ts and positions.ts. */
export type MotionSkipCounts = Record<Exclude<SlotStatus, 'ok'> | 'bad-input', number>;

export class MotionSampleStream implements SampleStream {
  readonly schema: SampleSchema;
  readonly report: RunReport;
  readonly skips: MotionSkipCounts = { 'no-motion': 0, 'too-much-motion': 0, 'past-end': 0, 'bad-input': 0 };
  /** Frames ffmpeg handed over, summed over tasks (for throughput figures). */
  framesDecoded = 0;

  constructor(
    private readonly manifest: ResolvedManifest,
    private readonly options: Readonly<MotionOptions>,
    private readonly context: StreamContext,
  ) {
    this.schema = motionSchema(options);
    this.report = new RunReport('motion', context.policy);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StreamItem> {
    const videos = this.manifest.videos;
    const start = this.context.startIndex ?? 0;
    if (videos.length === 0 || start >= this.context.total) return;
    const ffmpegPath = resolveFfmpegPath(this.options.ffmpegPath);
    const threads = this.context.threads || defaultThreads();
    const { pool, owned } = acquirePool<ChunkTask, ChunkResult>(this.context.pools, {
      workerFile: resolveWorkerFile(__dirname, 'motion.worker'),
      threads,
      // a task's work is its ffmpeg child: one at a time, so a worker is one decoder (threads = decoders)
      tasksPerWorker: 1,
      // a task is a chunk of many frames: a few ahead per decoder are plenty
      maxInFlight: 4 * threads,
    });
    const chunks: ChunkRef[] = [];
    // Videos known to end before some slot: later slots of them are past the end too (same output, no ffmpeg run).
    const ended = new Map<number, number>();
    const tasks = (function* (self: MotionSampleStream): Generator<ChunkTask> {
      for (const c of planChunks(start, self.context.total, videos.length, self.options)) {
        chunks.push(c);
        const file = (videos[c.video] as { path: string }).path;
        const pastEnd = (ended.get(c.video) ?? Infinity) <= c.firstSlot;
        yield { file, firstSlot: c.firstSlot, count: c.count, ffmpegPath, options: { ...self.options }, pastEnd };
      }
    })(this);
    const seen = new Set<string>();
    let done = 0;
    try {
      for await (const result of pool.mapOrdered(tasks, this.context.signal)) {
        const chunk = chunks.shift() as ChunkRef;
        const file = (videos[chunk.video] as { path: string }).path;
        if (!seen.has(file)) {
          seen.add(file);
          this.report.inputsSeen++;
        }
        this.framesDecoded += result.framesDecoded;
        const firstPastEnd = [...result.status].indexOf(SLOT_STATUS.indexOf('past-end'));
        if (result.error === undefined && firstPastEnd >= 0) {
          ended.set(chunk.video, Math.min(ended.get(chunk.video) ?? Infinity, chunk.firstSlot + firstPastEnd));
        }
        yield* this.emit(chunk, file, result);
        done += chunk.count;
        this.progress(start, done);
      }
    } finally {
      // Let queued chunks finish (each bounded by timeoutMs) so every worker reaps its ffmpeg child;
      // terminating workers mid-task would leave zombie ffmpeg processes behind. A cached pool is its
      // owner's to stop (PoolCache.close waits the same way).
      if (owned && this.context.signal?.aborted) await pool.destroy();
      else if (owned) await pool.close();
    }
  }

  private *emit(chunk: ChunkRef, file: string, r: ChunkResult): Generator<StreamItem> {
    if (r.error !== undefined) {
      this.skips['bad-input'] += chunk.count;
      this.report.badInput(file, r.error); // throws under policy 'fail'
      return;
    }
    const { height: h, width: w } = this.options;
    for (let s = 0; s < chunk.count; s++) {
      const status = SLOT_STATUS[r.status[s] as number] as SlotStatus;
      if (status !== 'ok') {
        this.skips[status]++;
        continue;
      }
      const sample = {
        frame: r.frames.slice(s * h * w * 3, (s + 1) * h * w * 3),
        mask: r.masks.slice(s * h * w, (s + 1) * h * w),
      };
      rememberMagnitude(sample, r.magnitudes.slice(s * h * w, (s + 1) * h * w));
      this.report.samplesWritten++;
      yield { index: chunk.index + s, sample };
    }
  }

  private progress(start: number, done: number): void {
    const skipped = Object.values(this.skips).reduce((a, b) => a + b, 0);
    this.context.onProgress?.({ done, total: this.context.total - start, samples: this.report.samplesWritten, skipped });
  }
}
