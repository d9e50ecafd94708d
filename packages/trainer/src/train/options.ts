// Training options: one interface, one frozen defaults object, validation at the boundary.
import {
  OptionError,
  TASKS,
  TaskName,
  isTaskName,
  rejectUnknownKeys,
  requireBoolean,
  requireNonNegativeInt,
  requireNumberInRange,
  requireOneOf,
  requirePositiveInt,
} from '@mtssl/core';
import { MODEL_PRESETS, ModelOptions, ModelPreset } from '../model/config';
import { EXHAUSTED_POLICIES, ExhaustedPolicy } from '../data/task-source';
import { INTERLEAVE_MODES, InterleaveMode } from '../data/interleaver';
import { DataSource } from '../data/training-dataset';
import { BACKEND_PREFERENCES, BackendPreference, MAX_WASM_THREADS } from '@mtssl/tfjs-wasm-training';
import { LrSchedule, LrScheduleOptions, checkLrSchedule } from './lr-schedule';

export interface TrainLogger {
  info(line: string): void;
  warn(line: string): void;
}

export interface TrainOptions {
  /** Per task: a shard dataset directory, a dataset object or a live stream; any non-empty subset of the tasks. */
  readonly datasets: Readonly<Partial<Record<TaskName, string | DataSource>>>;
  readonly outDir: string;
  readonly preset: ModelPreset;
  /** Overrides of the preset's network options (widths, units, numBins, ...). */
  readonly model: Readonly<Partial<ModelOptions>>;
  readonly stride8: boolean | undefined;
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** `constant` (the paper's) or `cosine`: decay to zero at `scheduleSteps`. */
  readonly lrSchedule: LrSchedule;
  /** Linear warm-up over the first steps (either schedule); 0 for none. */
  readonly warmupSteps: number;
  /** The cosine's horizon; defaults to `steps` (set it when a run is trained in segments). */
  readonly scheduleSteps: number | undefined;
  readonly rmsDecay: number;
  readonly rmsMomentum: number;
  readonly rmsEpsilon: number;
  readonly bnMomentum: number;
  readonly lasso: boolean;
  readonly lassoWeight: number;
  /** What the run intends; the datasets' `harmonized` attribute is what is recorded. */
  readonly harmonize: boolean | undefined;
  readonly interleave: InterleaveMode;
  readonly taskWeights: Readonly<Partial<Record<TaskName, number>>>;
  /** Each task's optimizer runs at the scheduled rate times this factor (unlisted tasks: 1). */
  readonly taskLrScale: Readonly<Partial<Record<TaskName, number>>>;
  /**
   * When set, each step's gradient on the shared trunk is scaled to this L2 norm before its task's
   * optimizer applies it, so every task moves the trunk alike; undefined (the default, the paper's) leaves
   * gradients as they are.
   */
  readonly trunkGradNorm: number | undefined;
  readonly onExhausted: ExhaustedPolicy;
  readonly seed: number;
  readonly checkpointEvery: number;
  readonly resume: boolean;
  readonly backend: BackendPreference;
  /** Compute threads when the backend is wasm (1 to 8; leave a core free when streams run alongside). */
  readonly wasmThreads: number;
  /**
   * On wasm, 3x3 stride-1 convolutions with 64+ channels (and their filter gradients) by Winograd's
   * F(2x2, 3x3): 2.25x fewer multiplications, results within ~2e-6 relative of the direct convolution. Passed to
   * the engine's backend selection, which registers the wasm kernels with it (in force until the next registration).
   */
  readonly winograd: boolean;
  readonly logEvery: number;
  /** Write a checkpoint and stop cleanly on SIGINT. */
  readonly handleSignals: boolean;
  /** On wasm: the heap size a step's predicted peak must fit in (the 32-bit heap stops at 4 GiB). */
  readonly wasmMemoryLimitBytes: number;
  readonly logger: TrainLogger;
}

export const CONSOLE_LOGGER: TrainLogger = Object.freeze({
  info: (line: string) => console.log(line),
  warn: (line: string) => console.warn(line),
});

export const TRAIN_DEFAULTS: Readonly<Omit<TrainOptions, 'datasets' | 'outDir'>> = Object.freeze({
  preset: 'cpu',
  model: Object.freeze({}),
  stride8: undefined,
  steps: 1000,
  batchSize: 16,
  learningRate: 1e-3,
  lrSchedule: 'constant',
  warmupSteps: 0,
  scheduleSteps: undefined,
  rmsDecay: 0.9,
  rmsMomentum: 0.9,
  rmsEpsilon: 1.0,
  bnMomentum: 0.99,
  lasso: false,
  lassoWeight: 1e-3,
  harmonize: undefined,
  interleave: 'round-robin',
  taskWeights: Object.freeze({}),
  taskLrScale: Object.freeze({}),
  trunkGradNorm: undefined,
  onExhausted: 'cycle',
  seed: 0,
  checkpointEvery: 500,
  resume: false,
  backend: 'auto',
  wasmThreads: 1,
  winograd: true,
  logEvery: 10,
  handleSignals: true,
  wasmMemoryLimitBytes: 4 * 2 ** 30,
  logger: CONSOLE_LOGGER,
});

export type TrainInput = Partial<TrainOptions> & Pick<TrainOptions, 'datasets' | 'outDir'>;

function checkDatasets(datasets: unknown): TaskName[] {
  if (typeof datasets !== 'object' || datasets === null) throw new OptionError(`datasets must be an object of task -> dataset, got ${String(datasets)}`);
  const tasks = Object.keys(datasets);
  for (const task of tasks) {
    if (!isTaskName(task)) throw new OptionError(`datasets: unknown task ${JSON.stringify(task)} (known: ${TASKS.join(', ')})`);
  }
  if (tasks.length === 0) throw new OptionError('datasets must name at least one task');
  return TASKS.filter((t) => tasks.includes(t));
}

/** A per-task map of numbers: known task names, each value in [min, max]. */
function checkPerTask(name: string, values: Readonly<Partial<Record<string, number>>>, min: number, max: number): void {
  for (const [task, v] of Object.entries(values)) {
    if (!isTaskName(task)) throw new OptionError(`${name}: unknown task ${JSON.stringify(task)}`);
    requireNumberInRange(`${name}.${task}`, v, min, max);
  }
}

function checkWeights(weights: Readonly<Partial<Record<string, number>>>, interleave: InterleaveMode, tasks: readonly TaskName[]): void {
  checkPerTask('taskWeights', weights, 0, Number.MAX_VALUE);
  const given = Object.keys(weights);
  // round-robin ignores weights: say so rather than train a different mix than the one asked for
  if (given.length > 0 && interleave !== 'weighted') throw new OptionError(`taskWeights apply only with interleave 'weighted', got interleave '${interleave}'`);
  if (given.length > 0 && tasks.every((t) => (weights[t] ?? 1) === 0)) throw new OptionError(`taskWeights: every trained task (${tasks.join(', ')}) has weight 0`);
}

/** Merges over TRAIN_DEFAULTS and validates; returns the options and the tasks in canonical order. */
export function resolveTrainOptions(input: TrainInput): { options: TrainOptions; tasks: TaskName[] } {
  rejectUnknownKeys('train', input, ['datasets', 'outDir', ...Object.keys(TRAIN_DEFAULTS)]);
  const o: TrainOptions = { ...TRAIN_DEFAULTS, ...input };
  const tasks = checkDatasets(o.datasets);
  if (typeof o.outDir !== 'string' || o.outDir === '') throw new OptionError(`outDir must be a non-empty string, got ${JSON.stringify(o.outDir)}`);
  requireOneOf('preset', o.preset, MODEL_PRESETS);
  if (o.stride8 !== undefined) requireBoolean('stride8', o.stride8);
  requireNonNegativeInt('steps', o.steps);
  requirePositiveInt('batchSize', o.batchSize);
  requireNumberInRange('learningRate', o.learningRate, Number.MIN_VALUE, 10);
  checkLrSchedule(lrScheduleOf(o));
  requireNumberInRange('rmsDecay', o.rmsDecay, 0, 1);
  requireNumberInRange('rmsMomentum', o.rmsMomentum, 0, 1);
  requireNumberInRange('rmsEpsilon', o.rmsEpsilon, Number.MIN_VALUE, 10);
  requireNumberInRange('bnMomentum', o.bnMomentum, 0, 1);
  requireBoolean('lasso', o.lasso);
  requireNumberInRange('lassoWeight', o.lassoWeight, 0, 1e6);
  if (o.harmonize !== undefined) requireBoolean('harmonize', o.harmonize);
  requireOneOf('interleave', o.interleave, INTERLEAVE_MODES);
  checkWeights(o.taskWeights, o.interleave, tasks);
  checkPerTask('taskLrScale', o.taskLrScale, Number.MIN_VALUE, 1000);
  if (o.trunkGradNorm !== undefined) requireNumberInRange('trunkGradNorm', o.trunkGradNorm, Number.MIN_VALUE, 1e6);
  requireOneOf('onExhausted', o.onExhausted, EXHAUSTED_POLICIES);
  requireNonNegativeInt('seed', o.seed);
  requirePositiveInt('checkpointEvery', o.checkpointEvery);
  requireBoolean('resume', o.resume);
  requireOneOf('backend', o.backend, BACKEND_PREFERENCES);
  requirePositiveInt('wasmThreads', o.wasmThreads);
  requireNumberInRange('wasmThreads', o.wasmThreads, 1, MAX_WASM_THREADS);
  requireBoolean('winograd', o.winograd);
  requirePositiveInt('logEvery', o.logEvery);
  requireBoolean('handleSignals', o.handleSignals);
  requireNumberInRange('wasmMemoryLimitBytes', o.wasmMemoryLimitBytes, 1, 4 * 2 ** 30);
  return { options: Object.freeze(o), tasks };
}

/** The schedule a run follows (the horizon is the run's final step unless given). */
export function lrScheduleOf(o: TrainOptions): LrScheduleOptions {
  return { schedule: o.lrSchedule, base: o.learningRate, warmupSteps: o.warmupSteps, horizon: o.scheduleSteps ?? Math.max(1, o.steps) };
}
