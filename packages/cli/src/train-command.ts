// `mtssl train`: trains the multi-task network on the shards of a manifest, preprocessing first any
// task whose shards are missing, so `npx nx run train` alone runs the whole job.
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { isDatasetComplete, loadManifest, readDatasetInfo, ResolvedManifest, TaskName } from '@mtssl/core';
import { BACKEND_PREFERENCES } from '@mtssl/tfjs-wasm-training';
import { DataSource, EXPORT_FOLDER, exportLayersModel, train } from '@mtssl/trainer';
import { intFlag, numberFlag, parseFlags, presetFlag, resolveWasmThreads, SCHEDULE_FLAGS, scheduleOptions, scheduleSchema, taskList, wasmThreadsFlag } from './args';
import { datasetDir, defaultShardsRoot, parsePreprocessArgs, preprocess, tasksFor } from './preprocess';
import { GENERATORS } from './registry';
import { liveStreamFor } from './live-streams';

export const TRAIN_FLAGS = {
  manifest: { type: 'string' },
  tasks: { type: 'string' },
  preset: { type: 'string' },
  shards: { type: 'string' },
  out: { type: 'string' },
  steps: { type: 'string' },
  'batch-size': { type: 'string' },
  lr: { type: 'string' },
  ...SCHEDULE_FLAGS,
  lasso: { type: 'boolean' },
  'lasso-weight': { type: 'string' },
  harmonize: { type: 'boolean' },
  interleave: { type: 'string' },
  seed: { type: 'string' },
  resume: { type: 'boolean' },
  backend: { type: 'string' },
  'wasm-threads': { type: 'string' },
  'no-winograd': { type: 'boolean' },
  'checkpoint-every': { type: 'string' },
  live: { type: 'boolean' },
  threads: { type: 'string' },
  policy: { type: 'string' },
} as const;

const schema = z
  .object({
    manifest: z.string().default('data-manifests/default.json'),
    tasks: taskList.optional(),
    preset: presetFlag,
    shards: z.string().optional(),
    out: z.string().optional(),
    steps: intFlag(0).default(200),
    'batch-size': intFlag(1).optional(),
    lr: numberFlag.optional(),
    ...scheduleSchema,
    lasso: z.boolean().default(false),
    'lasso-weight': numberFlag.optional(),
    harmonize: z.boolean().default(false),
    interleave: z.enum(['round-robin', 'weighted']).optional(),
    seed: intFlag(0).default(0),
    resume: z.boolean().default(false),
    backend: z.enum(BACKEND_PREFERENCES).default('auto'),
    'wasm-threads': wasmThreadsFlag,
    'no-winograd': z.boolean().default(false),
    'checkpoint-every': intFlag(1).optional(),
    live: z.boolean().default(false),
    threads: intFlag(1).default(1),
    policy: z.enum(['skip', 'fail']).default('skip'),
  })
  .strict()
  .refine((a) => !(a['task-weights'] && a.interleave === 'round-robin'), { message: '--task-weights draws tasks by weight; it excludes --interleave round-robin' });

export type TrainArgs = z.infer<typeof schema>;

/** Default run folder: one per manifest, preset and variant, so runs never overwrite each other. */
export function defaultRunDir(manifestName: string, a: TrainArgs, tasks: readonly TaskName[], allTasks: number): string {
  const parts = [manifestName, a.preset];
  if (tasks.length < allTasks) parts.push(tasks.join('+'));
  if (a.harmonize) parts.push('harmonized');
  if (a.lasso) parts.push('lasso');
  if (a.live) parts.push('live');
  return join('runs', parts.join('-'));
}

/** Each task's shard folder, preprocessing first the tasks whose shards are missing. */
async function shardSources(manifest: ResolvedManifest, tasks: TaskName[], a: TrainArgs, signal: AbortSignal, log: (line: string) => void): Promise<Record<string, DataSource | string>> {
  const shardsRoot = resolve(a.shards ?? defaultShardsRoot(manifest.name, a.preset));
  const dirFor = (t: TaskName) => datasetDir(shardsRoot, t, a.harmonize && t !== 'colorization');
  // a colorization dataset marked complete without its rebalancing weights (a run killed in between) is
  // handed to preprocess too, which repairs it
  const ready = async (t: TaskName) => (await isDatasetComplete(dirFor(t))) && (t !== 'colorization' || 'rebalance' in (await readDatasetInfo(dirFor(t))).extras);
  const complete = await Promise.all(tasks.map(ready));
  const missing = tasks.filter((_, i) => !complete[i]);
  if (missing.length > 0) {
    log(`train: shards missing for ${missing.join(', ')}; preprocessing them first`);
    const pre = ['--manifest', a.manifest, '--preset', a.preset, '--tasks', missing.join(','), '--out', shardsRoot, '--seed', String(a.seed)];
    await preprocess(parsePreprocessArgs(a.harmonize ? [...pre, '--harmonize'] : pre), signal, log);
  }
  return Object.fromEntries(tasks.map((t) => [t, dirFor(t)]));
}

/** Each task's stream, sampled while training runs (colorization then has no rebalancing prior). */
function liveSources(manifest: ResolvedManifest, tasks: TaskName[], a: TrainArgs): Record<string, DataSource> {
  const settings = { preset: a.preset, harmonize: a.harmonize, seed: a.seed, threads: a.threads, policy: a.policy };
  return Object.fromEntries(tasks.map((t) => [t, liveStreamFor(t, manifest, settings)]));
}

export async function trainCommand(argv: readonly string[], signal: AbortSignal, log: (line: string) => void): Promise<void> {
  const a = parseFlags(argv, TRAIN_FLAGS, schema, 'train');
  const manifest = await loadManifest(resolve(a.manifest), { generators: GENERATORS });
  const available = tasksFor(manifest, undefined);
  const tasks = tasksFor(manifest, a.tasks);
  const datasets = a.live ? liveSources(manifest, tasks, a) : await shardSources(manifest, tasks, a, signal, log);
  const outDir = resolve(a.out ?? defaultRunDir(manifest.name, a, tasks, available.length));
  log(`train: ${tasks.join(', ')} on ${manifest.name}${a.live ? ' (live streams)' : ''}, preset ${a.preset} -> ${outDir}`);
  const result = await train({
    datasets,
    outDir,
    preset: a.preset,
    // Stride 8 matches the streams' colorization targets: inputSize / 8 in the tiny, cpu and paper
    // presets, and inputSize / 4 in the small one, whose stem does not pool.
    stride8: true,
    seed: a.seed,
    lasso: a.lasso,
    harmonize: a.harmonize,
    resume: a.resume,
    backend: a.backend,
    wasmThreads: resolveWasmThreads(a['wasm-threads'], a.preset),
    winograd: !a['no-winograd'],
    steps: a.steps,
    ...(a['batch-size'] !== undefined ? { batchSize: a['batch-size'] } : {}),
    ...(a.lr !== undefined ? { learningRate: a.lr } : {}),
    ...scheduleOptions(a),
    ...(a['lasso-weight'] !== undefined ? { lassoWeight: a['lasso-weight'] } : {}),
    ...(a.interleave !== undefined ? { interleave: a.interleave } : {}),
    ...(a['checkpoint-every'] !== undefined ? { checkpointEvery: a['checkpoint-every'] } : {}),
    logger: { info: log, warn: (line) => log(`warning: ${line}`) },
  });
  // An interrupted run is not a finished one: the CLI exits 130, as preprocess does, so scripts see it.
  if (result.stoppedBy === 'signal') throw new Error(`interrupted at step ${result.step}, checkpoint ${result.checkpoint}; add --resume to continue`);
  const exported = await exportLayersModel(outDir, join(outDir, EXPORT_FOLDER));
  log(`train: trunk exported as a TensorFlow.js Layers model to ${exported.outDir} (tf.loadLayersModel; input NHWC RGB in [-1, 1])`);
}
