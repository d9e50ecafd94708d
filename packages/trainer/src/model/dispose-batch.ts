// Frees what a batch owns after its step; what it shares with its source (colorization's rebalance
// weights) stays. The task's spec says which is which.
import * as tf from '@tensorflow/tfjs-core';
import { specFor } from '../tasks';
import { TaskBatch } from './batch';

export function disposeBatch(batch: TaskBatch): void {
  tf.dispose(specFor(batch.task).owned(batch));
}
