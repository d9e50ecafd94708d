// `mtssl experiment`: the pipeline's experiment (the paper's comparison, units on parallel lanes,
// resumable), its options from the command line.
import { z } from 'zod';
import { experiment, EXPERIMENT_DEFAULTS, EXPERIMENT_ROWS, type ExperimentOptions } from '@mtssl/pipeline';
import { BACKEND_PREFERENCES } from '@mtssl/tfjs-wasm-training';
import { defineCommand } from './command';
import { intFlag, NO_WINOGRAD_HELP, numberFlag, presetFlag, wasmThreadsFlag } from './flag-schemas';
import { booleanFlag, FlagValues, stringFlag } from './flags';
import { SCHEDULE_FLAGS, scheduleOptions } from './schedule-flags';

const rowList = z
  .string()
  .transform((s) => s.split(',').map((r) => r.trim()))
  .refine((ids) => ids.every((id) => EXPERIMENT_ROWS.some((r) => r.id === id)), {
    message: `rows must be a comma-separated subset of ${EXPERIMENT_ROWS.map((r) => r.id).join(', ')}`,
  });

export const EXPERIMENT_FLAGS = {
  manifest: stringFlag(z.string().default(EXPERIMENT_DEFAULTS.manifest), 'pretraining data (default data-manifests/default.json; the train split only is used)'),
  'probe-manifest': stringFlag(z.string().optional(), 'labelled manifest for the probe (default: the same)'),
  'test-manifest': stringFlag(z.string().optional(), "labelled manifest the probes test on instead of the probe manifest's test split"),
  validate: booleanFlag('test the probes on a seeded validation part of the train split (as many a class as the holdout has), never the holdout: for tuning'),
  preset: stringFlag(presetFlag(EXPERIMENT_DEFAULTS.preset), 'tiny | small | cpu | paper (default cpu; small for 32-px images such as CIFAR-10)'),
  steps: stringFlag(intFlag(1).default(EXPERIMENT_DEFAULTS.steps), 'training steps per pretraining row (default 600); every row sees steps x batch samples'),
  'batch-size': stringFlag(intFlag(1).optional(), 'samples per step (default 64 for small, 16 otherwise)'),
  lr: stringFlag(numberFlag.optional(), "the trainer's learning rate (RMSProp; default the trainer's 1e-3)"),
  ...SCHEDULE_FLAGS,
  rows: stringFlag(rowList.optional(), 'subset of rp,col,ex,ms,all,all-h,all-lasso,random,supervised'),
  seeds: stringFlag(intFlag(1).default(EXPERIMENT_DEFAULTS.seeds), 'seeds for rp, col, ex, ms, all and random (default 3); all-h, all-lasso and supervised use seed 0'),
  jobs: stringFlag(
    z.union([z.literal('auto'), intFlag(1)]).default(EXPERIMENT_DEFAULTS.jobs),
    'auto (default: one lane per core, up to 4) | N: units run at once, each a child process on one wasm thread',
  ),
  out: stringFlag(z.string().optional(), 'output folder (default experiments/<manifest>-<preset>-<steps>)'),
  backend: stringFlag(z.enum(BACKEND_PREFERENCES).default(EXPERIMENT_DEFAULTS.backend)),
  'wasm-threads': stringFlag(wasmThreadsFlag, 'with --jobs 1: auto (default 2) | 1-8 compute threads on wasm; lanes use 1 each'),
  'no-winograd': booleanFlag(NO_WINOGRAD_HELP),
  'input-size': stringFlag(intFlag(8).optional()),
  epochs: stringFlag(intFlag(1).default(EXPERIMENT_DEFAULTS.epochs), 'preprocessing epochs over the train images (default 1)'),
  'supervised-epochs': stringFlag(intFlag(1).default(EXPERIMENT_DEFAULTS.supervisedEpochs), 'epochs of the supervised ceiling (default 10)'),
  'curve-points': stringFlag(intFlag(1).default(EXPERIMENT_DEFAULTS.curvePoints), 'probes along the way for the plot, seed 0 of each single task and all four (default 4)'),
  unit: stringFlag(z.string().optional(), 'run one unit (e.g. all-s1) in this process; what each lane does'),
} as const;

type ExperimentFlags = FlagValues<typeof EXPERIMENT_FLAGS>;

/** The pipeline's experiment options the flags set; results.json records the flags themselves. */
export function experimentOptions(a: ExperimentFlags): Partial<ExperimentOptions> {
  return {
    manifest: a.manifest,
    probeManifest: a['probe-manifest'],
    testManifest: a['test-manifest'],
    validate: a.validate,
    preset: a.preset,
    steps: a.steps,
    batchSize: a['batch-size'],
    learningRate: a.lr,
    schedule: scheduleOptions(a),
    rows: a.rows,
    seeds: a.seeds,
    jobs: a.jobs,
    out: a.out,
    backend: a.backend,
    wasmThreads: a['wasm-threads'],
    winograd: !a['no-winograd'],
    inputSize: a['input-size'],
    epochs: a.epochs,
    supervisedEpochs: a['supervised-epochs'],
    curvePoints: a['curve-points'],
    unit: a.unit,
    invocation: a,
  };
}

export const EXPERIMENT_COMMAND = defineCommand({
  name: 'experiment',
  summary: "the paper's comparison: each task, all four, harmonized, lasso; probed, with baselines",
  usage: 'mtssl experiment [options]',
  flags: EXPERIMENT_FLAGS,
  rules: [{ test: (a) => !(a.validate && a['test-manifest']), message: '--validate and --test-manifest exclude each other' }],
  run: (a, signal, log) => experiment(experimentOptions(a), signal, log),
});
