// Random batches of the right shapes for each task, for tests, benchmarks and the wasm memory check.
import * as tf from '@tensorflow/tfjs-core';
import { Rng, TaskName } from '@mtssl/core';
import { TaskBatch } from './batch';
import { RandomBatchSizes } from './random-tensors';
import { TASK_SPECS, specFor } from '../tasks';

export type { RandomBatchSizes } from './random-tensors';

/** A batch of uniform noise with valid labels; `rebalance` is created too and owned by the caller. */
export function randomBatch(task: TaskName, sizes: RandomBatchSizes, seed = 1): TaskBatch {
  return TASK_SPECS[task].randomBatch(Rng.from(seed, 'random-batch', task), sizes);
}

/** Frees a random batch with what it shares, which `randomBatch` created too. */
export function disposeRandomBatch(batch: TaskBatch): void {
  const spec = specFor(batch.task);
  tf.dispose([...spec.owned(batch), ...spec.shared(batch)]);
}
