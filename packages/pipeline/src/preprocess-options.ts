// Options of `preprocess`: one interface, one frozen defaults object, validation at the boundary.
import {
  BAD_INPUT_POLICIES,
  BadInputPolicy,
  OptionError,
  PartSpec,
  PRESET_NAMES,
  PresetName,
  requireBoolean,
  requireNonNegativeInt,
  requireOneOf,
  requirePositiveInt,
  TaskName,
} from '@mtssl/core';
import { SPLIT_CHOICES, SplitChoice } from './manifest';
import { optionalNonNegativeInt, optionalPositiveInt, optionalTasks, optionalText, requireText, withDefaults } from './options';

export interface PreprocessOptions {
  /** Data manifest file, relative to the working directory. */
  readonly manifest: string;
  /** Tasks to build; undefined: every task the manifest has data for. */
  readonly tasks: readonly TaskName[] | undefined;
  readonly preset: PresetName;
  /** Shards folder; undefined: `shards/<manifest>-<preset>`. */
  readonly out: string | undefined;
  readonly seed: number;
  /** Worker threads per stream; undefined: cores - 1. */
  readonly threads: number | undefined;
  /** MiB of decoded images each worker keeps between epochs; undefined: the pool's default (512), 0: none. */
  readonly decodeCacheMiB: number | undefined;
  /** Bad input: `skip` (counted and reported) or `fail` (stop at the first bad file). */
  readonly policy: BadInputPolicy;
  /** Passes over the data per task. */
  readonly epochs: number;
  /** Stream positions per task (overrides `epochs`). */
  readonly samples: number | undefined;
  /** Write harmonized (Lab L x3) variants of the image tasks. */
  readonly harmonize: boolean;
  /** Samples per preview sheet; 0 for none. */
  readonly preview: number;
  /** Delete shards made with other settings instead of refusing. */
  readonly fresh: boolean;
  /** Use only this split of the manifest. */
  readonly split: SplitChoice;
  /** Write only this part of each dataset (into `<dataset>.parts/i-of-N`); without it, finished parts are merged. */
  readonly shard: PartSpec | undefined;
}

export const PREPROCESS_DEFAULTS: Readonly<PreprocessOptions> = Object.freeze({
  manifest: 'data-manifests/default.json',
  tasks: undefined,
  preset: 'cpu',
  out: undefined,
  seed: 0,
  threads: undefined,
  decodeCacheMiB: undefined,
  policy: 'skip',
  epochs: 2,
  samples: undefined,
  harmonize: false,
  preview: 16,
  fresh: false,
  split: 'all',
  shard: undefined,
});

function checkShard(shard: PartSpec | undefined): void {
  if (shard === undefined) return;
  requireNonNegativeInt('shard.index', shard.index);
  requirePositiveInt('shard.of', shard.of);
  if (shard.index >= shard.of) throw new OptionError(`shard i/N needs 0 <= i < N, got ${shard.index}/${shard.of}`);
}

/** Merges over PREPROCESS_DEFAULTS and validates. */
export function resolvePreprocessOptions(given: Partial<PreprocessOptions> = {}): PreprocessOptions {
  const o = withDefaults('preprocess', PREPROCESS_DEFAULTS, given);
  requireText('manifest', o.manifest);
  optionalTasks('tasks', o.tasks);
  requireOneOf('preset', o.preset, PRESET_NAMES);
  optionalText('out', o.out);
  requireNonNegativeInt('seed', o.seed);
  optionalPositiveInt('threads', o.threads);
  optionalNonNegativeInt('decodeCacheMiB', o.decodeCacheMiB);
  requireOneOf('policy', o.policy, BAD_INPUT_POLICIES);
  requirePositiveInt('epochs', o.epochs);
  optionalPositiveInt('samples', o.samples);
  requireBoolean('harmonize', o.harmonize);
  requireNonNegativeInt('preview', o.preview);
  requireBoolean('fresh', o.fresh);
  requireOneOf('split', o.split, SPLIT_CHOICES);
  checkShard(o.shard);
  return Object.freeze(o);
}
