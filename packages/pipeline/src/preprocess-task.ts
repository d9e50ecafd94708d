// One task's dataset of `preprocess`: written, resumed, grown or merged as its folder requires, then
// finished (the stream's finishing pass), counted and previewed.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DatasetError, DatasetWriter, defaultThreads, openDataset, ResolvedManifest, SkippedInput, TaskName, writeStreamShards } from '@mtssl/core';
import { compareSettings, SettingsVerdict } from './dataset-settings';
import { datasetDir, previewFile } from './dataset-layout';
import { mergeIfParts, partTarget } from './dataset-parts';
import type { PreprocessOptions } from './preprocess-options';
import { writePreview } from './preview-sheet';
import { progressPrinter } from './progress';
import { harmonizedFor, hasFinalizedExtras, STREAMS, streamOptionsFor } from './registry';

export interface TaskOutcome {
  readonly task: TaskName;
  readonly dir: string;
  readonly samples: number;
  readonly skipped: number;
  readonly seconds: number;
  readonly upToDate: boolean;
  readonly skippedFiles: readonly SkippedInput[];
  readonly preview?: string;
}

export interface PreprocessTaskInput {
  readonly task: TaskName;
  readonly manifest: ResolvedManifest;
  readonly options: PreprocessOptions;
  readonly shardsRoot: string;
  /** sha256 of the manifest file, read once for all tasks. */
  readonly manifestSha256: string;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

/** Refuses to mix shards made with other settings into one dataset; says whether it is to grow. */
function checkSameRun(dir: string, meta: Record<string, unknown>, fresh: boolean): SettingsVerdict {
  const file = join(dir, 'dataset.json');
  if (!existsSync(file)) return { kind: 'same' };
  if (fresh) {
    rmSync(dir, { recursive: true, force: true });
    return { kind: 'same' };
  }
  const stored = ((JSON.parse(readFileSync(file, 'utf8')) as { meta?: Record<string, unknown> }).meta ?? {}) as Record<string, unknown>;
  const verdict = compareSettings(stored, meta);
  if (verdict.kind === 'differs') throw new DatasetError(`${dir} holds shards made with other settings (${verdict.what}); rerun with --fresh to rebuild it, or choose another --out`);
  return verdict;
}

export async function preprocessTask({ task, manifest, options: o, shardsRoot, manifestSha256, signal, log }: PreprocessTaskInput): Promise<TaskOutcome> {
  const stream = STREAMS[task];
  const harmonize = harmonizedFor(task, o.harmonize);
  const options = streamOptionsFor(task, o.preset, o.harmonize);
  const total = o.samples ?? stream.defaultTotal(manifest, options) * o.epochs;
  const datasetFolder = datasetDir(shardsRoot, task, harmonize);
  const { dir, range } = partTarget(datasetFolder, total, o.shard);
  // the manifest by content and by a path relative to the dataset, so a moved checkout keeps its shards
  const source = { manifest: relative(datasetFolder, manifest.file), manifestSha256 };
  const meta = { task, preset: o.preset, seed: o.seed, total, ...source, split: o.split, options, ...(range ? { part: range } : {}) };
  const merged = range ? false : await mergeIfParts(dir, log);
  const verdict = checkSameRun(dir, meta, o.fresh);
  mkdirSync(dir, { recursive: true });
  const writer = await DatasetWriter.open(dir, stream.schema(options), { meta });
  // a finished dataset asked for more positions continues at its old total with its report kept; an
  // unfinished one simply resumes after its last shard
  const grow = verdict.kind === 'grow' && writer.complete ? { from: verdict.from, report: writer.info.report } : null;
  if (grow) {
    log(`${task}: growing ${writer.count} samples (positions below ${grow.from}) to positions below ${total}`);
    await writer.reopen();
  }
  const started = Date.now();
  const end = range ? range.end : total;
  const from = Math.max(writer.resumeIndex, range ? range.start : 0, grow ? grow.from : 0);
  const upToDate = writer.complete;
  if (!upToDate && from >= end) {
    // every position was written but the run stopped before marking the dataset finished
    await writer.finish();
  } else if (!upToDate) {
    if (writer.resumeIndex > 0 && !grow) log(`${task}: resuming at position ${from} (${writer.count} samples kept)`);
    const printer = progressPrinter(task);
    const sampleStream = stream.open(manifest, options, {
      seed: o.seed,
      threads: o.threads ?? defaultThreads(),
      decodeCacheMiB: o.decodeCacheMiB,
      policy: o.policy,
      startIndex: from,
      total: end,
      signal,
      onProgress: (p) => printer.update(p),
    });
    try {
      // a resumed or grown dataset's report covers what was written before too (the writer's stored report)
      await writeStreamShards(sampleStream, writer, { signal });
    } finally {
      printer.done();
    }
  }
  if (range) {
    log(`${task}: part ${range.index + 1} of ${range.of} (positions ${range.start}-${range.end - 1}) done in ${dir}; once every part is done, rerun without --shard to merge`);
    const info = writer.info;
    return { task, dir, samples: info.count, skipped: info.report?.skipped.length ?? 0, skippedFiles: info.report?.skipped ?? [], seconds: (Date.now() - started) / 1000, upToDate };
  }
  // also repairs a dataset marked complete whose extras a killed run never wrote
  const missingExtras = !hasFinalizedExtras(task, writer.info.extras);
  if ((!upToDate || merged || missingExtras) && stream.finalize) {
    if (upToDate && !merged) log(`${task}: complete but without its extras (a run killed before writing them); computing them now`);
    await stream.finalize(dir, options);
  }
  const dataset = await openDataset(dir);
  const samples = dataset.count;
  const report = dataset.info.report;
  await dataset.close();
  const sheet = o.preview > 0 ? previewFile(shardsRoot, task, harmonize) : undefined;
  if (sheet) mkdirSync(dirname(sheet), { recursive: true });
  const preview = sheet ? await writePreview(stream, options, dir, o.preview, sheet) : undefined;
  return {
    task,
    dir,
    samples,
    skipped: report?.skipped.length ?? 0,
    skippedFiles: report?.skipped ?? [],
    seconds: (Date.now() - started) / 1000,
    upToDate,
    ...(preview ? { preview } : {}),
  };
}
