// One task's batches straight from a live stream: stream order, a batch may span epochs, and the state is
// the next stream position (what a checkpoint stores and a resume reopens at). The stream is pulled ahead
// (LIVE_PREFETCH_BATCHES batches, across epoch ends) while the trainer computes; what was pulled ahead and
// not consumed is dropped, so the state and a resume depend on consumed samples only.
import * as tf from '@tensorflow/tfjs-core';
import { Sample, StreamItem, TaskName } from '@mtssl/core';
import { TaskBatch } from '../model/batch';
import { collate } from './collate';
import { CursorState } from './cursor';
import { ExhaustedPolicy } from './task-source';
import { Prefetcher } from './prefetch';
import { LiveStream } from './training-dataset';
import type { BatchSource } from './batch-source';

/** A stream item tagged with its epoch, or the end of that epoch. */
type EpochItem = { readonly epoch: number; readonly item: StreamItem } | { readonly epoch: number; readonly end: true };

/** Epoch after epoch of the live stream from `from`, each epoch's end marked. */
async function* epochs(live: LiveStream, from: CursorState, signal: AbortSignal): AsyncGenerator<EpochItem> {
  for (let epoch = from.epoch; !signal.aborted; epoch++) {
    for await (const item of live.open(epoch, epoch === from.epoch ? from.position : 0, signal)) yield { epoch, item };
    yield { epoch, end: true };
  }
}

/**
 * Batches of a task pulled ahead of the trainer. More than the stream's own run-ahead: at an epoch's end
 * the next epoch's stream opens only once the last sample of this one is pulled, so pulling far ahead
 * keeps the workers busy across epoch ends instead of idle until the trainer asks.
 */
export const LIVE_PREFETCH_BATCHES = 8;

/** Lets worker replies (macrotasks) in between batches even when every await resolves at once. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class LiveTaskSource implements BatchSource {
  private iterator: Prefetcher<EpochItem> | null = null;
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
    await turn();
    const samples: Sample[] = [];
    let emptyEpochs = 0;
    while (samples.length < batchSize) {
      const next = await this.pull(batchSize);
      if ('item' in next) {
        samples.push(next.item.sample);
        this.state = { epoch: next.epoch, position: next.item.index + 1 };
        emptyEpochs = 0;
        continue;
      }
      if (this.policy !== 'cycle') return null;
      if (++emptyEpochs > 1) throw new Error(`${this.task}: the live stream yielded no sample in a whole epoch`);
      this.state = { epoch: next.epoch + 1, position: 0 };
    }
    return collate(this.task, this.live.schema, samples, this.rebalance);
  }

  private async pull(batchSize: number): Promise<EpochItem> {
    this.iterator ??= new Prefetcher(epochs(this.live, this.state, this.abort.signal), LIVE_PREFETCH_BATCHES * batchSize);
    const result = await this.iterator.next();
    // epochs() only ends once aborted, which dispose() does
    if (result.done) throw new Error(`${this.task}: the live stream was closed`);
    return result.value;
  }

  /** Stops the stream (its workers) and frees the rebalance weights. */
  async dispose(): Promise<void> {
    this.abort.abort();
    const it = this.iterator;
    this.iterator = null;
    this.rebalance?.dispose();
    await it?.return?.();
    await this.live.close?.();
  }
}
