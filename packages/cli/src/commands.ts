import { MANIFEST_FLAGS, makeManifest } from './manifest-command';
import { PREPROCESS_FLAGS, parsePreprocessArgs, preprocess } from './preprocess';
import { TRAIN_FLAGS, trainCommand } from './train-command';
import { EVAL_FLAGS, evalCommand } from './eval-command';
import { BENCH_FLAGS, benchCommand } from './bench-command';
import { EXPERIMENT_FLAGS, experiment, parseExperimentArgs } from './experiment';
import { SCHEDULE_HELP } from './args';
import { EXPORT_FLAGS, exportCommand } from './export-command';

export interface Command {
  readonly summary: string;
  readonly help: string;
  run(argv: readonly string[], signal: AbortSignal, log: (line: string) => void): Promise<void>;
}

function flagHelp(flags: Record<string, { type: string }>, notes: Record<string, string>): string {
  return Object.entries(flags)
    .map(([name, f]) => `  --${name}${f.type === 'string' ? ' <value>' : ''}${notes[name] ? `  ${notes[name]}` : ''}`)
    .join('\n');
}

export const COMMANDS: Readonly<Record<string, Command>> = Object.freeze({
  preprocess: {
    summary: 'build per-task sample shards from a data manifest',
    help: `mtssl preprocess [options]\n\n${flagHelp(PREPROCESS_FLAGS, {
      manifest: 'data manifest (default data-manifests/default.json)',
      tasks: 'comma-separated subset of relative-position,colorization,exemplar,motion (default: all the manifest supports)',
      preset: 'tiny | small | cpu | paper (default cpu; small for 32-px images)',
      out: 'shards folder (default shards/<manifest>-<preset>)',
      seed: 'random seed (default 0)',
      threads: 'worker threads (default: cores - 1)',
      policy: 'bad input: skip (default, counted and reported) | fail (stop at the first bad file)',
      epochs: 'passes over the data per task (default 2)',
      samples: 'stream positions per task (overrides --epochs)',
      harmonize: 'write harmonized (Lab L x3) variants of the image tasks',
      preview: 'samples per preview sheet (default 16, 0 for none)',
      fresh: 'delete shards made with other settings instead of refusing',
      split: 'all (default) | train | test: use only that split of the manifest',
      shard: 'i/N: write only part i (0-based) of N of each dataset (contiguous position ranges) into <dataset>.parts/i-of-N, for N machines or array jobs; once all N are done, the same command without --shard merges them',
    })}`,
    async run(argv, signal, log) {
      await preprocess(parsePreprocessArgs(argv), signal, log);
    },
  },
  train: {
    summary: 'train the multi-task network (preprocessing first any missing shards)',
    help: `mtssl train [options]\n\n${flagHelp(TRAIN_FLAGS, {
      manifest: 'data manifest (default data-manifests/default.json)',
      tasks: 'comma-separated subset of relative-position,colorization,exemplar,motion (default: all the manifest supports)',
      preset: 'tiny | small | cpu | paper: stream and network sizes (default cpu; small for 32-px images)',
      shards: 'shards folder (default shards/<manifest>-<preset>)',
      out: 'run folder for checkpoints and logs (default runs/<manifest>-<preset>[-variant])',
      steps: 'training steps, one task per step (default 200: about a minute on wasm here)',
      lasso: 'train lasso weights over the block-3 units, with an L1 penalty',
      harmonize: 'use harmonized (Lab L x3) inputs for the image tasks',
      ...SCHEDULE_HELP,
      resume: 'continue from the run folder\'s last checkpoint',
      backend: 'auto (default: tfjs-node if installed, else wasm, else cpu) | tensorflow | wasm | cpu',
      'wasm-threads': 'auto (default: every core up to 8, from shards or --live; 1 for --preset tiny) | 1-8: compute threads on wasm',
      'no-winograd': "on wasm, XNNPACK's direct convolution for every layer (default: Winograd F(2x2,3x3) for wide 3x3 stride-1 layers, ~1.8x faster, ~2e-6 relative difference)",
      live: 'train straight from the streams while they sample (no shards; resumable; colorization without rebalancing)',
      threads: 'with --live: worker threads per stream (default 1; they run at low priority, 64 samples ahead)',
      policy: 'with --live: bad input skip (default) | fail',
    })}`,
    async run(argv, signal, log) {
      await trainCommand(argv, signal, log);
    },
  },
  eval: {
    summary: 'linear probe of a trained trunk on a labelled manifest (with --baselines: random init and supervised)',
    help: `mtssl eval --checkpoint <run> [options]\n\n${flagHelp(EVAL_FLAGS, {
      checkpoint: 'run folder written by train (its latest checkpoint is used)',
      manifest: 'labelled manifest (default data-manifests/default.json)',
      'test-manifest': "labelled manifest to test on instead of the manifest's test split (every labelled image of it; its classes must be the manifest's)",
      'input-size': "image side fed to the trunk (default: the run's preset: 32 tiny and small, 64 cpu, 224 paper)",
      baselines: 'also probe a random-init trunk and a supervised one trained on the train split',
      previews: 'folder of stream preview PNGs to put in the report',
      cache: 'feature cache folder (default .cache/features)',
      'wasm-threads': 'auto (default 1) | 1-8: compute threads on wasm',
      'no-winograd': "on wasm, XNNPACK's direct convolution for every layer (default: Winograd F(2x2,3x3) for wide 3x3 stride-1 layers, ~1.8x faster, ~2e-6 relative difference)",
    })}`,
    async run(argv, signal, log) {
      await evalCommand(argv, signal, log);
    },
  },
  experiment: {
    summary: "the paper's comparison: each task, all four, harmonized, lasso; probed, with baselines",
    help: `mtssl experiment [options]\n\n${flagHelp(EXPERIMENT_FLAGS, {
      manifest: 'pretraining data (default data-manifests/default.json; the train split only is used)',
      'probe-manifest': 'labelled manifest for the probe (default: the same)',
      'test-manifest': "labelled manifest the probes test on instead of the probe manifest's test split",
      validate: "test the probes on a seeded validation part of the train split (as many a class as the holdout has), never the holdout: for tuning",
      preset: 'tiny | small | cpu | paper (default cpu; small for 32-px images such as CIFAR-10)',
      steps: 'training steps per pretraining row (default 600); every row sees steps x batch samples',
      'batch-size': 'samples per step (default 64 for small, 16 otherwise)',
      lr: "the trainer's learning rate (RMSProp; default the trainer's 1e-3)",
      ...SCHEDULE_HELP,
      rows: 'subset of rp,col,ex,ms,all,all-h,all-lasso,random,supervised',
      seeds: 'seeds for rp, col, ex, ms, all and random (default 3); all-h, all-lasso and supervised use seed 0',
      jobs: 'auto (default: one lane per core, up to 4) | N: units run at once, each a child process on one wasm thread',
      epochs: 'preprocessing epochs over the train images (default 1)',
      'supervised-epochs': 'epochs of the supervised ceiling (default 10)',
      'curve-points': 'probes along the way for the plot, seed 0 of each single task and all four (default 4)',
      unit: 'run one unit (e.g. all-s1) in this process; what each lane does',
      out: 'output folder (default experiments/<manifest>-<preset>-<steps>)',
      'wasm-threads': 'with --jobs 1: auto (default 2) | 1-8 compute threads on wasm; lanes use 1 each',
      'no-winograd': "on wasm, XNNPACK's direct convolution for every layer (default: Winograd F(2x2,3x3) for wide 3x3 stride-1 layers, ~1.8x faster, ~2e-6 relative difference)",
    })}`,
    async run(argv, signal, log) {
      await experiment(parseExperimentArgs(argv), signal, log, argv);
    },
  },
  export: {
    summary: 'write a run\'s trunk as a standard TensorFlow.js Layers model (tf.loadLayersModel, Keras via tensorflowjs_converter)',
    help: `mtssl export --checkpoint <run> [--out <dir>]\n\n${flagHelp(EXPORT_FLAGS, {
      checkpoint: 'run folder written by train (its latest checkpoint is used), or a checkpoint folder',
      out: 'output folder (default <run>/layers-model); replaced atomically',
    })}`,
    async run(argv, _signal, log) {
      await exportCommand(argv, log);
    },
  },
  bench: {
    summary: 'run the benchmarks: stream samples/s and peak memory, engine GFLOPS and ms/step',
    help: `mtssl bench [--only <names>] | bench --stream <task> [--threads N --seconds S --warmup W --json] | bench --demand [--manifest M --preset P --seconds S]\n\n${flagHelp(BENCH_FLAGS, {
      only: 'subset of demand,relative-position,colorization,exemplar,motion,trainer',
      demand: "each of the manifest's streams with 1 and 2 workers beside the samples/s of its task the trainer takes from shards (round robin, batch 16): whether train --live would wait for a stream",
      stream: "time one stream instead: relative-position | colorization | exemplar | motion (the pipeline peer's method: seed 1, policy skip, samples reaching the main thread after the warm-up, no shard writing)",
      threads: 'with --stream: worker threads (default 1)',
      seconds: 'with --stream or --demand: timed seconds a measurement (default 20)',
      warmup: 'with --stream or --demand: seconds from pool creation before timing starts (default 3)',
      manifest: 'with --stream or --demand: the images or videos (default data-manifests/flowers.json, the 2,500 shared flowers)',
      preset: "with --stream or --demand: the stream geometry and network (default cpu, the peer's)",
      json: 'with --stream: print one JSON line (side, task, threads, samples_per_s, ...) on stdout',
    })}`,
    async run(argv, signal, log) {
      await benchCommand(argv, signal, log);
    },
  },
  manifest: {
    summary: 'write a data manifest for a folder of images and/or videos',
    help: `mtssl manifest --folder <dir> --out <file.json> [options]\n\n${flagHelp(MANIFEST_FLAGS, {
      labels: 'auto (default: subfolder names when images sit in subfolders) | none | subfolders',
      test: 'fraction of each class held out for evaluation (default 0.2)',
    })}`,
    async run(argv, _signal, log) {
      await makeManifest(argv, log);
    },
  },
});
