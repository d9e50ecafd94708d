// `mtssl eval`: the pipeline's evaluate (linear probe of a trained trunk, optionally against the
// baselines, written as JSON and as the run's HTML report), its options from the command line.
import { z } from 'zod';
import { evaluate, EVALUATE_DEFAULTS } from '@mtssl/pipeline';
import { BACKEND_PREFERENCES } from '@mtssl/tfjs-wasm-training';
import { defineCommand } from './command';
import { intFlag, NO_WINOGRAD_HELP, wasmThreadsFlag } from './flag-schemas';
import { booleanFlag, stringFlag } from './flags';

export const EVAL_FLAGS = {
  checkpoint: stringFlag(z.string({ message: 'is required: a run folder (or checkpoint folder) written by train' }), 'run folder written by train (its latest checkpoint is used)'),
  manifest: stringFlag(z.string().default(EVALUATE_DEFAULTS.manifest), 'labelled manifest (default data-manifests/default.json)'),
  'test-manifest': stringFlag(
    z.string().optional(),
    "labelled manifest to test on instead of the manifest's test split (every labelled image of it; its classes must be the manifest's)",
  ),
  'input-size': stringFlag(intFlag(8).optional(), "image side fed to the trunk (default: the run's preset: 32 tiny and small, 64 cpu, 224 paper)"),
  baselines: booleanFlag('also probe a random-init trunk and a supervised one trained on the train split'),
  previews: stringFlag(z.string().optional(), 'folder of stream preview PNGs to put in the report'),
  seed: stringFlag(intFlag(0).default(EVALUATE_DEFAULTS.seed)),
  backend: stringFlag(z.enum(BACKEND_PREFERENCES).default(EVALUATE_DEFAULTS.backend)),
  'wasm-threads': stringFlag(wasmThreadsFlag, 'auto (default 1) | 1-8: compute threads on wasm'),
  'no-winograd': booleanFlag(NO_WINOGRAD_HELP),
  cache: stringFlag(z.string().default(EVALUATE_DEFAULTS.cache), 'feature cache folder (default .cache/features)'),
} as const;

export const EVAL_COMMAND = defineCommand({
  name: 'eval',
  summary: 'linear probe of a trained trunk on a labelled manifest (with --baselines: random init and supervised)',
  usage: 'mtssl eval --checkpoint <run> [options]',
  flags: EVAL_FLAGS,
  run: (a, signal, log) =>
    evaluate(
      {
        checkpoint: a.checkpoint,
        manifest: a.manifest,
        testManifest: a['test-manifest'],
        inputSize: a['input-size'],
        baselines: a.baselines,
        previews: a.previews,
        seed: a.seed,
        backend: a.backend,
        wasmThreads: a['wasm-threads'],
        winograd: !a['no-winograd'],
        cache: a.cache,
      },
      signal,
      log,
    ),
});
