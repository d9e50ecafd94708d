// Options of `evaluate`: one interface, one frozen defaults object, validation at the boundary.
import { requireBoolean, requireNonNegativeInt } from '@mtssl/core';
import type { BackendPreference } from '@mtssl/tfjs-wasm-training';
import { checkEngineChoice, optionalInputSize, optionalText, requireText, withDefaults } from './options';
import type { WasmThreads } from './wasm-threads';

export interface EvaluateOptions {
  /** Run folder written by train (its latest checkpoint is used), or a checkpoint folder. */
  readonly checkpoint: string;
  /** Labelled manifest: the probe trains on its train split and tests on its test split. */
  readonly manifest: string;
  /** Labelled manifest to test on instead of the manifest's test split (its classes must be the manifest's). */
  readonly testManifest: string | undefined;
  /** Image side fed to the trunk; undefined: the run's preset's. */
  readonly inputSize: number | undefined;
  /** Also probe a random-init trunk and a supervised one trained on the train split. */
  readonly baselines: boolean;
  /** Folder of stream preview PNGs for the report; undefined: those beside the run's shards and in `<run>/previews`. */
  readonly previews: string | undefined;
  readonly seed: number;
  readonly backend: BackendPreference;
  /** Compute threads on wasm; `auto` is 1 here. */
  readonly wasmThreads: WasmThreads;
  readonly winograd: boolean;
  /** Feature cache folder. */
  readonly cache: string;
}

export const EVALUATE_DEFAULTS: Readonly<Omit<EvaluateOptions, 'checkpoint'>> = Object.freeze({
  manifest: 'data-manifests/default.json',
  testManifest: undefined,
  inputSize: undefined,
  baselines: false,
  previews: undefined,
  seed: 0,
  backend: 'auto',
  wasmThreads: 'auto',
  winograd: true,
  cache: '.cache/features',
});

export type EvaluateInput = Partial<EvaluateOptions> & Pick<EvaluateOptions, 'checkpoint'>;

/** Merges over EVALUATE_DEFAULTS and validates. */
export function resolveEvaluateOptions(given: EvaluateInput): EvaluateOptions {
  const o = withDefaults<EvaluateOptions>('evaluate', { ...EVALUATE_DEFAULTS, checkpoint: '' }, given);
  requireText('checkpoint', o.checkpoint);
  requireText('manifest', o.manifest);
  optionalText('testManifest', o.testManifest);
  optionalInputSize('inputSize', o.inputSize);
  requireBoolean('baselines', o.baselines);
  optionalText('previews', o.previews);
  requireNonNegativeInt('seed', o.seed);
  checkEngineChoice(o);
  requireText('cache', o.cache);
  return Object.freeze(o);
}
