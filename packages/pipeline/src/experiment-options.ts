// Options of `experiment`: one interface, one frozen defaults object, validation at the boundary.
import { OptionError, PRESET_NAMES, PresetName, requireBoolean, requireNumberInRange, requireOneOf, requirePositiveInt } from '@mtssl/core';
import type { BackendPreference } from '@mtssl/tfjs-wasm-training';
import { EXPERIMENT_ROWS } from './experiment-plan';
import { checkEngineChoice, optionalInputSize, optionalPositiveInt, optionalText, requireAutoOrInt, requireText, withDefaults } from './options';
import { checkSchedule, ScheduleOptions } from './schedule';
import type { WasmThreads } from './wasm-threads';

export interface ExperimentOptions {
  /** Pretraining data (the train split only is used). */
  readonly manifest: string;
  /** Labelled manifest for the probe; undefined: the same. */
  readonly probeManifest: string | undefined;
  /** Labelled manifest the probes test on instead of the probe manifest's test split. */
  readonly testManifest: string | undefined;
  /** Test the probes on a seeded validation part of the train split, never the holdout (for tuning). */
  readonly validate: boolean;
  readonly preset: PresetName;
  /** Training steps per pretraining row; every row sees steps x batch samples. */
  readonly steps: number;
  /** Samples per step; undefined: 64 for small, 16 otherwise. */
  readonly batchSize: number | undefined;
  /** The trainer's learning rate; undefined: the trainer's. */
  readonly learningRate: number | undefined;
  /** Schedule and task-mix options for every pretraining run (a task mix only for rows of several tasks). */
  readonly schedule: ScheduleOptions;
  /** Row ids (EXPERIMENT_ROWS); undefined: every row. */
  readonly rows: readonly string[] | undefined;
  /** Seeds of the seeded rows. */
  readonly seeds: number;
  /** Units run at once, each a child process on one wasm thread; `auto`: one lane per core, up to 4. */
  readonly jobs: 'auto' | number;
  /** Output folder; undefined: `experiments/<manifest>-<preset>-<steps>`. */
  readonly out: string | undefined;
  readonly backend: BackendPreference;
  /** With one lane: compute threads on wasm (`auto`: 2); lanes use 1 each. */
  readonly wasmThreads: WasmThreads;
  readonly winograd: boolean;
  /** Probe image side; undefined: the preset's. */
  readonly inputSize: number | undefined;
  /** Preprocessing epochs over the train images. */
  readonly epochs: number;
  /** Epochs of the supervised ceiling. */
  readonly supervisedEpochs: number;
  /** Probes along the way for the plot (seed 0 of each single task and all four). */
  readonly curvePoints: number;
  /** Run this one unit (e.g. `all-s1`) in this process, as each lane does. */
  readonly unit: string | undefined;
  /** What results.json stores as `args`: how the experiment was asked for (the CLI's flags); undefined: these options. */
  readonly invocation: Readonly<Record<string, unknown>> | undefined;
}

export const EXPERIMENT_DEFAULTS: Readonly<ExperimentOptions> = Object.freeze({
  manifest: 'data-manifests/default.json',
  probeManifest: undefined,
  testManifest: undefined,
  validate: false,
  preset: 'cpu',
  steps: 600,
  batchSize: undefined,
  learningRate: undefined,
  schedule: Object.freeze({}),
  rows: undefined,
  seeds: 3,
  jobs: 'auto',
  out: undefined,
  backend: 'auto',
  wasmThreads: 'auto',
  winograd: true,
  inputSize: undefined,
  epochs: 1,
  supervisedEpochs: 10,
  curvePoints: 4,
  unit: undefined,
  invocation: undefined,
});

/** Samples a step when the caller names no batch size. */
export const EXPERIMENT_BATCH: Readonly<Record<PresetName, number>> = Object.freeze({ tiny: 16, small: 64, cpu: 16, paper: 16 });

function checkRows(rows: readonly string[] | undefined): void {
  if (rows === undefined) return;
  if (!Array.isArray(rows) || !rows.every((id) => EXPERIMENT_ROWS.some((r) => r.id === id))) {
    throw new OptionError(`rows must be a subset of ${EXPERIMENT_ROWS.map((r) => r.id).join(', ')}, got ${JSON.stringify(rows)}`);
  }
}

/** Merges over EXPERIMENT_DEFAULTS and validates. */
export function resolveExperimentOptions(given: Partial<ExperimentOptions> = {}): ExperimentOptions {
  const o = withDefaults('experiment', EXPERIMENT_DEFAULTS, given);
  requireText('manifest', o.manifest);
  optionalText('probeManifest', o.probeManifest);
  optionalText('testManifest', o.testManifest);
  requireBoolean('validate', o.validate);
  if (o.validate && o.testManifest !== undefined) throw new OptionError('validate and testManifest exclude each other');
  requireOneOf('preset', o.preset, PRESET_NAMES);
  requirePositiveInt('steps', o.steps);
  optionalPositiveInt('batchSize', o.batchSize);
  if (o.learningRate !== undefined) requireNumberInRange('learningRate', o.learningRate, Number.MIN_VALUE, 10);
  checkSchedule(o.schedule);
  checkRows(o.rows);
  requirePositiveInt('seeds', o.seeds);
  requireAutoOrInt('jobs', o.jobs, 1, Number.MAX_SAFE_INTEGER);
  optionalText('out', o.out);
  checkEngineChoice(o);
  optionalInputSize('inputSize', o.inputSize);
  requirePositiveInt('epochs', o.epochs);
  requirePositiveInt('supervisedEpochs', o.supervisedEpochs);
  requirePositiveInt('curvePoints', o.curvePoints);
  optionalText('unit', o.unit);
  return Object.freeze(o);
}
