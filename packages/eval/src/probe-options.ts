// Options of the linear probe: one frozen-feature softmax layer trained by full-batch gradient
// descent with momentum and L2, for a fixed number of epochs from a seeded initialisation.
import type { PresetName } from '@mtssl/contracts';
import { OptionError, rejectUnknownKeys, requireNumberInRange, requirePositiveInt } from '@mtssl/core';

export interface ProbeOptions {
  /** Full-batch gradient steps. */
  readonly epochs: number;
  readonly learningRate: number;
  readonly momentum: number;
  /** L2 weight decay on the weights (not the bias). */
  readonly l2: number;
  /** Seeds the weight initialisation. */
  readonly seed: number;
  /** Images per extractor call when computing features. */
  readonly batchSize: number;
}

export const PROBE_DEFAULTS: ProbeOptions = Object.freeze({
  epochs: 300,
  learningRate: 0.1,
  momentum: 0.9,
  l2: 1e-3,
  seed: 0,
  batchSize: 32,
});

export const PROBE_PRESETS: Readonly<Record<PresetName, ProbeOptions>> = Object.freeze({
  tiny: Object.freeze({ ...PROBE_DEFAULTS, epochs: 100, batchSize: 16 }),
  small: Object.freeze({ ...PROBE_DEFAULTS, batchSize: 256 }),
  cpu: PROBE_DEFAULTS,
  paper: Object.freeze({ ...PROBE_DEFAULTS, epochs: 1000, batchSize: 64 }),
});

const KEYS = Object.keys(PROBE_DEFAULTS);

export function resolveProbeOptions(partial: Partial<ProbeOptions> = {}): ProbeOptions {
  if (partial === null || typeof partial !== 'object') throw new OptionError(`probe options must be an object, got ${String(partial)}`);
  rejectUnknownKeys('probe options', partial, KEYS);
  const o = { ...PROBE_DEFAULTS, ...partial };
  requirePositiveInt('epochs', o.epochs);
  requireNumberInRange('learningRate', o.learningRate, Number.MIN_VALUE, 100);
  requireNumberInRange('momentum', o.momentum, 0, 0.999);
  requireNumberInRange('l2', o.l2, 0, 100);
  requireNumberInRange('seed', o.seed, 0, Number.MAX_SAFE_INTEGER);
  if (!Number.isInteger(o.seed)) throw new OptionError(`seed must be a non-negative integer, got ${o.seed}`);
  requirePositiveInt('batchSize', o.batchSize);
  return Object.freeze(o);
}
