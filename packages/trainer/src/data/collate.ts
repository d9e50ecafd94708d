// Turns samples into one task's batch tensors, after checking each sample against the schema; the
// task's spec lays the tensors out (src/tasks/).
import * as tf from '@tensorflow/tfjs-core';
import { Sample, SampleSchema, TaskName, checkSample } from '@mtssl/core';
import { TaskBatch } from '../model/batch';
import { TASK_SPECS } from '../tasks';

/** Builds one batch; `rebalance` (colorization) is shared and not owned by the batch. */
export function collate(task: TaskName, schema: SampleSchema, samples: readonly Sample[], rebalance?: tf.Tensor1D): TaskBatch {
  for (const sample of samples) checkSample(schema, sample, task);
  return TASK_SPECS[task].collate(schema, samples, rebalance);
}
