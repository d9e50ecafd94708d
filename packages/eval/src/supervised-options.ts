// Options of the supervised ceiling: the extractor and a linear head trained end-to-end with
// labels by Adam on seeded minibatches.
import { OptionError, rejectUnknownKeys, requireNonNegativeInt, requireNumberInRange, requirePositiveInt } from '@mtssl/core';

export interface SupervisedOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Seeds the head initialisation and the minibatch order. */
  readonly seed: number;
}

export const SUPERVISED_DEFAULTS: SupervisedOptions = Object.freeze({ epochs: 10, batchSize: 32, learningRate: 1e-3, seed: 0 });

export function resolveSupervisedOptions(partial: Partial<SupervisedOptions> = {}): SupervisedOptions {
  if (partial === null || typeof partial !== 'object') throw new OptionError(`supervised options must be an object, got ${String(partial)}`);
  rejectUnknownKeys('supervised options', partial, Object.keys(SUPERVISED_DEFAULTS));
  const o = { ...SUPERVISED_DEFAULTS, ...partial };
  requirePositiveInt('epochs', o.epochs);
  requirePositiveInt('batchSize', o.batchSize);
  requireNumberInRange('learningRate', o.learningRate, Number.MIN_VALUE, 10);
  requireNonNegativeInt('seed', o.seed);
  return Object.freeze(o);
}
