// `mtssl preprocess`: builds each task's sample shards from a data manifest, resumably, with
// progress, a summary (samples, skipped files and why, samples/s) and preview sheets.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import {
  BAD_INPUT_POLICIES,
  BadInputPolicy,
  DatasetError,
  DatasetWriter,
  mergeDatasetParts,
  parsePartSpec,
  partCounts,
  partDir,
  partRange,
  PartRange,
  PartSpec,
  defaultThreads,
  loadManifest,
  openDataset,
  PresetName,
  ResolvedManifest,
  SkippedInput,
  StreamItem,
  TASKS,
  TaskName,
  writeStreamShards,
} from '@mtssl/core';
import { intFlag, parseFlags, presetFlag, taskList } from './args';
import { progressPrinter } from './progress';
import { compareSettings, manifestDigest, SettingsVerdict } from './dataset-settings';
import { AnyStream, GENERATORS, STREAMS, taskNeedsVideo } from './registry';

export const PREPROCESS_FLAGS = {
  manifest: { type: 'string' },
  tasks: { type: 'string' },
  preset: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  policy: { type: 'string' },
  epochs: { type: 'string' },
  samples: { type: 'string' },
  harmonize: { type: 'boolean' },
  preview: { type: 'string' },
  fresh: { type: 'boolean' },
  split: { type: 'string' },
  shard: { type: 'string' },
} as const;

const schema = z
  .object({
    manifest: z.string().default('data-manifests/default.json'),
    tasks: taskList.optional(),
    preset: presetFlag,
    out: z.string().optional(),
    seed: intFlag(0).default(0),
    threads: intFlag(1).optional(),
    policy: z.enum(BAD_INPUT_POLICIES).default('skip'),
    epochs: intFlag(1).default(2),
    samples: intFlag(1).optional(),
    harmonize: z.boolean().default(false),
    preview: intFlag(0).default(16),
    fresh: z.boolean().default(false),
    split: z.enum(['all', 'train', 'test']).default('all'),
    shard: z
      .string()
      .transform((t, ctx) => {
        try {
          return parsePartSpec(t);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      })
      .optional(),
  })
  .strict();

export type PreprocessArgs = z.infer<typeof schema>;

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

/** Where a task's shards live: one folder per manifest, one per task (and harmonized variant). */
export function datasetDir(shardsRoot: string, task: TaskName, harmonized: boolean): string {
  return join(shardsRoot, harmonized ? `${task}-harmonized` : task);
}

export function defaultShardsRoot(manifestName: string, preset: PresetName): string {
  return join('shards', `${manifestName}-${preset}`);
}

export function tasksFor(manifest: ResolvedManifest, requested: readonly TaskName[] | undefined): TaskName[] {
  const usable = (t: TaskName) => (taskNeedsVideo(t) ? manifest.videos.length > 0 : manifest.images.length > 0);
  if (requested) {
    for (const t of requested) {
      if (!usable(t)) throw new Error(`${t}: manifest ${manifest.file} has no ${taskNeedsVideo(t) ? 'videos' : 'images'}`);
    }
    return [...requested];
  }
  return TASKS.filter(usable);
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

/** With --shard i/N: the part's folder and position range; else the whole dataset. */
function target(dir: string, total: number, shard: PartSpec | undefined): { dir: string; range: PartRange | null } {
  if (!shard) return { dir, range: null };
  return { dir: partDir(dir, shard), range: partRange(total, shard) };
}

/** Merges the parts of a fanned-out dataset that has no dataset.json yet; true when it did. */
async function mergeIfParts(dir: string, log: (line: string) => void): Promise<boolean> {
  if (existsSync(join(dir, 'dataset.json'))) return false;
  const [of] = await partCounts(dir);
  if (of === undefined) return false;
  const info = await mergeDatasetParts(dir, of);
  log(`${info.task}: merged ${of} parts, ${info.count} samples in ${info.shards.length} shards -> ${dir}`);
  return true;
}

async function writePreview(stream: AnyStream, options: Readonly<object>, dir: string, count: number, file: string): Promise<string | undefined> {
  if (count === 0) return undefined;
  const dataset = await openDataset(dir);
  const items: StreamItem[] = [];
  try {
    for await (const item of dataset.samples({ end: Math.min(count, dataset.count) })) items.push(item);
  } finally {
    await dataset.close();
  }
  if (items.length === 0) return undefined;
  await stream.preview(items, file, options);
  return file;
}

interface RunOneInput {
  readonly task: TaskName;
  readonly manifest: ResolvedManifest;
  readonly args: PreprocessArgs;
  readonly shardsRoot: string;
  /** sha256 of the manifest file, read once for all tasks. */
  readonly manifestSha256: string;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

async function runOne({ task, manifest, args, shardsRoot, manifestSha256, signal, log }: RunOneInput): Promise<TaskOutcome> {
  const stream = STREAMS[task];
  const harmonize = args.harmonize && task !== 'colorization';
  const options = stream.resolveOptions({ ...stream.presets[args.preset], ...(harmonize ? { harmonize: true } : {}) });
  const total = args.samples ?? stream.defaultTotal(manifest, options) * args.epochs;
  const datasetFolder = datasetDir(shardsRoot, task, harmonize);
  const { dir, range } = target(datasetFolder, total, args.shard);
  // the manifest by content and by a path relative to the dataset, so a moved checkout keeps its shards
  const source = { manifest: relative(datasetFolder, manifest.file), manifestSha256 };
  const meta = { task, preset: args.preset, seed: args.seed, total, ...source, split: args.split, options, ...(range ? { part: range } : {}) };
  const merged = range ? false : await mergeIfParts(dir, log);
  const verdict = checkSameRun(dir, meta, args.fresh);
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
      seed: args.seed,
      threads: args.threads ?? defaultThreads(),
      policy: args.policy as BadInputPolicy,
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
  const missingExtras = Object.keys(writer.info.extras).length === 0;
  if ((!upToDate || merged || missingExtras) && stream.finalize) {
    if (upToDate && !merged) log(`${task}: complete but without its extras (a run killed before writing them); computing them now`);
    await stream.finalize(dir, options);
  }
  const dataset = await openDataset(dir);
  const samples = dataset.count;
  const report = dataset.info.report;
  await dataset.close();
  const previewFile = args.preview > 0 ? join(shardsRoot, 'previews', `${harmonize ? `${task}-harmonized` : task}.png`) : undefined;
  if (previewFile) mkdirSync(join(shardsRoot, 'previews'), { recursive: true });
  const preview = previewFile ? await writePreview(stream, options, dir, args.preview, previewFile) : undefined;
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

/** Keeps one split's files, e.g. so pretraining never sees the images a probe is tested on. */
export function onlySplit(manifest: ResolvedManifest, split: PreprocessArgs['split']): ResolvedManifest {
  if (split === 'all') return manifest;
  return { ...manifest, images: manifest.images.filter((i) => i.split === split), videos: manifest.videos.filter((v) => v.split === split) };
}

export interface PreprocessResult {
  readonly shardsRoot: string;
  readonly outcomes: readonly TaskOutcome[];
}

export async function preprocess(args: PreprocessArgs, signal: AbortSignal, log: (line: string) => void): Promise<PreprocessResult> {
  const manifest = onlySplit(await loadManifest(resolve(args.manifest), { generators: GENERATORS }), args.split);
  const tasks = tasksFor(manifest, args.tasks);
  const shardsRoot = resolve(args.out ?? defaultShardsRoot(manifest.name, args.preset));
  log(`preprocess: manifest ${manifest.name} (${manifest.images.length} images, ${manifest.videos.length} videos), preset ${args.preset}, tasks ${tasks.join(', ')} -> ${shardsRoot}`);
  const outcomes: TaskOutcome[] = [];
  const manifestSha256 = manifestDigest(manifest.file);
  for (const task of tasks) {
    outcomes.push(await runOne({ task, manifest, args, shardsRoot, manifestSha256, signal, log }));
    const o = outcomes[outcomes.length - 1] as TaskOutcome;
    log(
      o.upToDate
        ? `${task}: up to date, ${o.samples} samples in ${o.dir}`
        : `${task}: ${o.samples} samples, ${o.skipped} inputs skipped, ${(o.samples / Math.max(o.seconds, 1e-3)).toFixed(1)} samples/s -> ${o.dir}`,
    );
    for (const s of o.skippedFiles.slice(0, 20)) log(`  skipped ${s.file}: ${s.reason}`);
    if (o.skippedFiles.length > 20) log(`  ... and ${o.skippedFiles.length - 20} more (see ${join(o.dir, 'dataset.json')})`);
    if (o.preview) log(`${task}: preview ${o.preview}`);
  }
  return { shardsRoot, outcomes };
}

export function parsePreprocessArgs(argv: readonly string[]): PreprocessArgs {
  return parseFlags(argv, PREPROCESS_FLAGS, schema, 'preprocess');
}
