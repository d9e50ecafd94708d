// The command registry: `mtssl <name>` runs COMMANDS[name].
import { BENCH_COMMAND } from './bench-command';
import type { Command } from './command';
import { EVAL_COMMAND } from './eval-command';
import { EXPERIMENT_COMMAND } from './experiment-command';
import { EXPORT_COMMAND } from './export-command';
import { MANIFEST_COMMAND } from './manifest-command';
import { PREPROCESS_COMMAND } from './preprocess-command';
import { TRAIN_COMMAND } from './train-command';

export const COMMANDS: Readonly<Record<string, Command>> = Object.freeze({
  preprocess: PREPROCESS_COMMAND,
  train: TRAIN_COMMAND,
  eval: EVAL_COMMAND,
  experiment: EXPERIMENT_COMMAND,
  export: EXPORT_COMMAND,
  bench: BENCH_COMMAND,
  manifest: MANIFEST_COMMAND,
});
