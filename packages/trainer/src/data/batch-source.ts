// What the training loop reads a task's batches from: shards (TaskSource) or a live stream
// (LiveTaskSource). Both keep a cursor that a checkpoint stores and a resume reopens at.
import { TaskName } from '@mtssl/core';
import { TaskBatch } from '../model/batch';
import { CursorState } from './cursor';

export interface BatchSource {
  readonly task: TaskName;
  /** Where the next batch starts: consumed samples only. */
  readonly current: CursorState;
  /** The next batch, or null when the epoch is over and the exhausted policy is not 'cycle'. */
  next(batchSize: number): Promise<TaskBatch | null>;
  /** Frees what the source holds (rebalancing weights, a live stream's workers). */
  dispose(): void | Promise<void>;
}
