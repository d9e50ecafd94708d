// `mtssl train`: the pipeline's train (preprocessing first any missing shards, so `npx nx run train`
// alone runs the whole job), its options from the command line.
import { z } from 'zod';
import { BAD_INPUT_POLICIES, TASKS } from '@mtssl/core';
import { train, TRAIN_RUN_DEFAULTS, type TrainRunOptions } from '@mtssl/pipeline';
import { BACKEND_PREFERENCES } from '@mtssl/tfjs-wasm-training';
import { INTERLEAVE_MODES } from '@mtssl/trainer';
import { defineCommand } from './command';
import { intFlag, NO_WINOGRAD_HELP, numberFlag, presetFlag, taskList, wasmThreadsFlag } from './flag-schemas';
import { booleanFlag, FlagValues, stringFlag } from './flags';
import { SCHEDULE_FLAGS, scheduleOptions } from './schedule-flags';

export const TRAIN_FLAGS = {
  manifest: stringFlag(z.string().default(TRAIN_RUN_DEFAULTS.manifest), 'data manifest (default data-manifests/default.json)'),
  tasks: stringFlag(taskList.optional(), `comma-separated subset of ${TASKS.join(',')} (default: all the manifest supports)`),
  preset: stringFlag(presetFlag(TRAIN_RUN_DEFAULTS.preset), 'tiny | small | cpu | paper: stream and network sizes (default cpu; small for 32-px images)'),
  shards: stringFlag(z.string().optional(), 'shards folder (default shards/<manifest>-<preset>)'),
  out: stringFlag(z.string().optional(), 'run folder for checkpoints and logs (default runs/<manifest>-<preset>[-variant])'),
  steps: stringFlag(intFlag(0).default(TRAIN_RUN_DEFAULTS.steps), 'training steps, one task per step (default 200: about a minute on wasm here)'),
  'batch-size': stringFlag(intFlag(1).optional()),
  lr: stringFlag(numberFlag.optional()),
  ...SCHEDULE_FLAGS,
  lasso: booleanFlag('train lasso weights over the block-3 units, with an L1 penalty'),
  'lasso-weight': stringFlag(numberFlag.optional()),
  harmonize: booleanFlag('use harmonized (Lab L x3) inputs for the image tasks'),
  interleave: stringFlag(z.enum(INTERLEAVE_MODES).optional()),
  seed: stringFlag(intFlag(0).default(TRAIN_RUN_DEFAULTS.seed)),
  resume: booleanFlag("continue from the run folder's last checkpoint"),
  backend: stringFlag(z.enum(BACKEND_PREFERENCES).default(TRAIN_RUN_DEFAULTS.backend), 'auto (default: tfjs-node if installed, else wasm, else cpu) | tensorflow | wasm | cpu'),
  'wasm-threads': stringFlag(wasmThreadsFlag, 'auto (default: every core up to 8, from shards or --live; 1 for --preset tiny) | 1-8: compute threads on wasm'),
  'no-winograd': booleanFlag(NO_WINOGRAD_HELP),
  'checkpoint-every': stringFlag(intFlag(1).optional()),
  live: booleanFlag('train straight from the streams while they sample (no shards; resumable; colorization without rebalancing)'),
  threads: stringFlag(intFlag(1).default(TRAIN_RUN_DEFAULTS.liveThreads), 'with --live: worker threads per stream (default 1; they run at low priority, 64 samples ahead)'),
  policy: stringFlag(z.enum(BAD_INPUT_POLICIES).default(TRAIN_RUN_DEFAULTS.policy), 'with --live: bad input skip (default) | fail'),
  'decode-cache-mib': stringFlag(intFlag(0).optional(), 'with --live, and when preprocessing missing shards: miB of decoded images each stream worker keeps between epochs (default 512; 0: none, every sample decodes its image)'),
} as const;

type TrainFlags = FlagValues<typeof TRAIN_FLAGS>;

/** The pipeline's train options the flags set (flags not given keep the pipeline's defaults). */
export function trainOptions(a: TrainFlags): Partial<TrainRunOptions> {
  return {
    manifest: a.manifest,
    tasks: a.tasks,
    preset: a.preset,
    shards: a.shards,
    out: a.out,
    steps: a.steps,
    batchSize: a['batch-size'],
    learningRate: a.lr,
    schedule: { ...scheduleOptions(a), ...(a.interleave !== undefined ? { interleave: a.interleave } : {}) },
    lasso: a.lasso,
    lassoWeight: a['lasso-weight'],
    harmonize: a.harmonize,
    seed: a.seed,
    resume: a.resume,
    backend: a.backend,
    wasmThreads: a['wasm-threads'],
    winograd: !a['no-winograd'],
    checkpointEvery: a['checkpoint-every'],
    live: a.live,
    liveThreads: a.threads,
    policy: a.policy,
    decodeCacheMiB: a['decode-cache-mib'],
  };
}

export const TRAIN_COMMAND = defineCommand({
  name: 'train',
  summary: 'train the multi-task network (preprocessing first any missing shards)',
  usage: 'mtssl train [options]',
  flags: TRAIN_FLAGS,
  rules: [{ test: (a) => !(a['task-weights'] && a.interleave === 'round-robin'), message: '--task-weights draws tasks by weight; it excludes --interleave round-robin' }],
  run: (a, signal, log) => train(trainOptions(a), signal, log),
});
