// One task's dataset of `preprocess`: written, resumed, grown or merged as its folder requires, then
// finished (the stream's finishing pass), counted and previewed.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DatasetError, type DatasetInfo, DatasetWriter, defaultThreads, openDataset, type PartRange, readDatasetInfo, ResolvedManifest, SkippedInput, TaskName, writeStreamShards } from '@mtssl/core';
import { compareSettings, SettingsVerdict } from './dataset-settings';
import { datasetDir, previewFile } from './dataset-layout';
import { mergeIfParts, partTarget } from './dataset-parts';
import type { PreprocessOptions } from './preprocess-options';
import { writePreview } from './preview-sheet';
import { progressPrinter } from './progress';
import { type AnyStream, harmonizedFor, hasFinalizedExtras, STREAMS, streamOptionsFor } from './registry';

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

/** dataset.json when the dataset is finished and records exactly these settings (else the writer updates it). */
async function finishedInfo(dir: string, meta: Record<string, unknown>): Promise<DatasetInfo | undefined> {
  if (!existsSync(join(dir, 'dataset.json'))) return undefined;
  const info = await readDatasetInfo(dir);
  return info.complete && JSON.stringify(info.meta) === JSON.stringify(meta) ? info : undefined;
}

interface WriteTaskInput {
  readonly task: TaskName;
  readonly stream: AnyStream;
  readonly options: object;
  readonly manifest: ResolvedManifest;
  readonly dir: string;
  readonly meta: Record<string, unknown>;
  readonly verdict: SettingsVerdict;
  readonly range: PartRange | null;
  readonly total: number;
  readonly o: PreprocessOptions;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

/** Writes, resumes or grows the dataset under its writer's lock; returns its dataset.json as left and whether it already was finished. */
async function writeTask(input: WriteTaskInput): Promise<{ info: DatasetInfo; upToDate: boolean }> {
  const { task, stream, options, dir, verdict, range, total, log } = input;
  const writer = await DatasetWriter.open(dir, stream.schema(options), { meta: input.meta });
  try {
    // a finished dataset asked for more positions continues at its old total with its report kept; an
    // unfinished one simply resumes after its last shard
    const grow = verdict.kind === 'grow' && writer.complete ? verdict.from : undefined;
    if (grow !== undefined) {
      log(`${task}: growing ${writer.count} samples (positions below ${grow}) to positions below ${total}`);
      await writer.reopen();
    }
    const end = range ? range.end : total;
    const from = Math.max(writer.resumeIndex, range ? range.start : 0, grow ?? 0);
    if (writer.complete) return { info: writer.info, upToDate: true };
    // every position was written but the run stopped before marking the dataset finished
    if (from >= end) return { info: await writer.finish(), upToDate: false };
    if (writer.resumeIndex > 0 && grow === undefined) log(`${task}: resuming at position ${from} (${writer.count} samples kept)`);
    // a resumed or grown dataset's report covers what was written before too (the writer's stored report)
    return { info: await writeFrom(input, writer, from, end), upToDate: false };
  } finally {
    await writer.abort();
  }
}

async function writeFrom({ task, stream, options, manifest, o, signal }: WriteTaskInput, writer: DatasetWriter, from: number, end: number): Promise<DatasetInfo> {
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
    return await writeStreamShards(sampleStream, writer, { signal });
  } finally {
    printer.done();
  }
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
  // a dataset already finished with these settings is only read: no writer, so no lock (another run may
  // hold it to read the same shards) and no rewrite
  const done = verdict.kind === 'same' ? await finishedInfo(dir, meta) : undefined;
  const started = Date.now();
  const { info, upToDate } = done ? { info: done, upToDate: true } : await writeTask({ task, stream, options, manifest, dir, meta, verdict, range, total, o, signal, log });
  if (range) {
    log(`${task}: part ${range.index + 1} of ${range.of} (positions ${range.start}-${range.end - 1}) done in ${dir}; once every part is done, rerun without --shard to merge`);
    return { task, dir, samples: info.count, skipped: info.report?.skipped.length ?? 0, skippedFiles: info.report?.skipped ?? [], seconds: (Date.now() - started) / 1000, upToDate };
  }
  // also repairs a dataset marked complete whose extras a killed run never wrote
  const missingExtras = !hasFinalizedExtras(task, info.extras);
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
