// Options of the pipeline's `train` (a manifest in, a trained run folder out): one interface, one frozen
// defaults object, validation at the boundary. The trainer's own options it passes through are checked
// again by the trainer.
import {
  BAD_INPUT_POLICIES,
  BadInputPolicy,
  PRESET_NAMES,
  PresetName,
  requireBoolean,
  requireNonNegativeInt,
  requireNumberInRange,
  requireOneOf,
  requirePositiveInt,
  TaskName,
} from '@mtssl/core';
import type { BackendPreference } from '@mtssl/tfjs-wasm-training';
import { checkEngineChoice, optionalNonNegativeInt, optionalPositiveInt, optionalTasks, optionalText, requireText, withDefaults } from './options';
import { checkSchedule, ScheduleOptions } from './schedule';
import type { WasmThreads } from './wasm-threads';

export interface TrainRunOptions {
  /** Data manifest file, relative to the working directory. */
  readonly manifest: string;
  /** Tasks to train; undefined: every task the manifest has data for. */
  readonly tasks: readonly TaskName[] | undefined;
  /** Stream and network sizes. */
  readonly preset: PresetName;
  /** Shards folder (missing shards are preprocessed into it first); undefined: `shards/<manifest>-<preset>`. */
  readonly shards: string | undefined;
  /** Run folder for checkpoints and logs; undefined: `runs/<manifest>-<preset>[-variant]`. */
  readonly out: string | undefined;
  /** Training steps, one task per step. */
  readonly steps: number;
  /** Samples per step; undefined: the trainer's. */
  readonly batchSize: number | undefined;
  /** RMSProp learning rate; undefined: the trainer's. */
  readonly learningRate: number | undefined;
  readonly schedule: ScheduleOptions;
  /** Train lasso weights over the block-3 units, with an L1 penalty. */
  readonly lasso: boolean;
  readonly lassoWeight: number | undefined;
  /** Harmonized (Lab L x3) inputs for the image tasks. */
  readonly harmonize: boolean;
  readonly seed: number;
  /** Continue from the run folder's last checkpoint. */
  readonly resume: boolean;
  readonly backend: BackendPreference;
  /** Compute threads on wasm (`auto`: see resolveWasmThreads). */
  readonly wasmThreads: WasmThreads;
  /** On wasm, Winograd F(2x2,3x3) for wide 3x3 stride-1 layers (false: XNNPACK's direct convolution). */
  readonly winograd: boolean;
  readonly checkpointEvery: number | undefined;
  /** Train straight from the streams while they sample (no shards; colorization without rebalancing). */
  readonly live: boolean;
  /** With `live`: worker threads per stream. */
  readonly liveThreads: number;
  /** With `live`: bad input `skip` or `fail`. */
  readonly policy: BadInputPolicy;
  /** MiB of decoded images each stream worker keeps between epochs (live, and preprocessing missing shards); undefined: the pool's default. */
  readonly decodeCacheMiB: number | undefined;
}

export const TRAIN_RUN_DEFAULTS: Readonly<TrainRunOptions> = Object.freeze({
  manifest: 'data-manifests/default.json',
  tasks: undefined,
  preset: 'cpu',
  shards: undefined,
  out: undefined,
  // about a minute on wasm here
  steps: 200,
  batchSize: undefined,
  learningRate: undefined,
  schedule: Object.freeze({}),
  lasso: false,
  lassoWeight: undefined,
  harmonize: false,
  seed: 0,
  resume: false,
  backend: 'auto',
  wasmThreads: 'auto',
  winograd: true,
  checkpointEvery: undefined,
  live: false,
  liveThreads: 1,
  policy: 'skip',
  decodeCacheMiB: undefined,
});

/** Merges over TRAIN_RUN_DEFAULTS and validates. */
export function resolveTrainRunOptions(given: Partial<TrainRunOptions> = {}): TrainRunOptions {
  const o = withDefaults('train', TRAIN_RUN_DEFAULTS, given);
  requireText('manifest', o.manifest);
  optionalTasks('tasks', o.tasks);
  requireOneOf('preset', o.preset, PRESET_NAMES);
  optionalText('shards', o.shards);
  optionalText('out', o.out);
  requireNonNegativeInt('steps', o.steps);
  optionalPositiveInt('batchSize', o.batchSize);
  if (o.learningRate !== undefined) requireNumberInRange('learningRate', o.learningRate, Number.MIN_VALUE, 10);
  checkSchedule(o.schedule);
  requireBoolean('lasso', o.lasso);
  if (o.lassoWeight !== undefined) requireNumberInRange('lassoWeight', o.lassoWeight, 0, 1e6);
  requireBoolean('harmonize', o.harmonize);
  requireNonNegativeInt('seed', o.seed);
  requireBoolean('resume', o.resume);
  checkEngineChoice(o);
  optionalPositiveInt('checkpointEvery', o.checkpointEvery);
  requireBoolean('live', o.live);
  requirePositiveInt('liveThreads', o.liveThreads);
  requireOneOf('policy', o.policy, BAD_INPUT_POLICIES);
  optionalNonNegativeInt('decodeCacheMiB', o.decodeCacheMiB);
  return Object.freeze(o);
}
