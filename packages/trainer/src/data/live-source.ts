// One task's batches straight from a live stream: stream order, a batch may span epochs, and the state is
// the next stream position (what a checkpoint stores and a resume reopens at).
import * as tf from '@tensorflow/tfjs-core';
import { Sample, StreamItem, TaskName } from '@mtssl/core';
import { TaskBatch } from '../model/batch';
import { collate } from './collate';
import { CursorState } from './cursor';
import { ExhaustedPolicy } from './task-source';
import { LiveStream } from './training-dataset';

export class LiveTaskSource {
  private iterator: AsyncIterator<StreamItem> | null = null;
  private abort = new AbortController();
  private state: CursorState;

  constructor(
    readonly task: TaskName,
    readonly live: LiveStream,
    readonly policy: ExhaustedPolicy,
    private readonly rebalance: tf.Tensor1D | undefined,
    state?: CursorState,
  ) {
    this.state = state ?? { epoch: 0, position: 0 };
  }

  get current(): CursorState {
    return this.state;
  }

  /** The next batch, or null when the epoch ends and the policy is not 'cycle'. */
  async next(batchSize: number): Promise<TaskBatch | null> {
    const samples: Sample[] = [];
    let emptyEpochs = 0;
    while (samples.length < batchSize) {
      const item = await this.pull();
      if (item) {
        samples.push(item.sample);
        this.state = { epoch: this.state.epoch, position: item.index + 1 };
        emptyEpochs = 0;
        continue;
      }
      if (this.policy !== 'cycle') return null;
      if (++emptyEpochs > 1) throw new Error(`${this.task}: the live stream yielded no sample in a whole epoch`);
      this.state = { epoch: this.state.epoch + 1, position: 0 };
    }
    return collate(this.task, this.live.schema, samples, this.rebalance);
  }

  private async pull(): Promise<StreamItem | null> {
    this.iterator ??= this.live.open(this.state.epoch, this.state.position, this.abort.signal)[Symbol.asyncIterator]();
    const result = await this.iterator.next();
    if (!result.done) return result.value;
    this.iterator = null;
    return null;
  }

  /** Stops the stream (its workers) and frees the rebalance weights. */
  async dispose(): Promise<void> {
    this.abort.abort();
    const it = this.iterator;
    this.iterator = null;
    this.rebalance?.dispose();
    await it?.return?.();
  }
}
