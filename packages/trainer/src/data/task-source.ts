// One task's supply of batches: a dataset, its cursor and what to do when an epoch runs out.
import * as tf from '@tensorflow/tfjs-core';
import { TaskName } from '@mtssl/core';
import { TaskBatch } from '../model/batch';
import { collate } from './collate';
import { CursorState, DatasetCursor } from './cursor';
import { TrainingDataset } from './training-dataset';
import type { BatchSource } from './batch-source';

export const EXHAUSTED_POLICIES = ['cycle', 'stop', 'drop-task'] as const;
export type ExhaustedPolicy = (typeof EXHAUSTED_POLICIES)[number];

export class TaskSource implements BatchSource {
  readonly cursor: DatasetCursor;

  constructor(
    readonly task: TaskName,
    readonly dataset: TrainingDataset,
    readonly policy: ExhaustedPolicy,
    seed: number,
    private readonly rebalance: tf.Tensor1D | undefined,
    state?: CursorState,
  ) {
    this.cursor = new DatasetCursor(task, dataset.count, seed, true, state);
  }

  get current(): CursorState {
    return this.cursor.current;
  }

  /** The next batch, or null when the epoch is over and the policy is not 'cycle'. */
  async next(batchSize: number): Promise<TaskBatch | null> {
    const before = this.cursor.current;
    if (this.cursor.exhausted(batchSize)) {
      if (this.policy !== 'cycle') return null;
      this.cursor.nextEpoch();
    }
    const positions = this.cursor.take(batchSize);
    try {
      const samples = await Promise.all(positions.map((i) => this.dataset.read(i)));
      return collate(this.task, this.dataset.schema, samples, this.rebalance);
    } catch (error) {
      // a batch that could not be read (a damaged shard) is not consumed: a checkpoint taken now resumes at it
      this.cursor.rewind(before);
      throw error;
    }
  }

  dispose(): void {
    this.rebalance?.dispose();
  }
}
