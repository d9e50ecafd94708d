// The little the trainer needs from a dataset, so shards, in-memory fakes and tests look alike.
import { Dataset, Sample, SampleSchema, StreamItem, openDataset } from '@mtssl/core';

export interface TrainingDataset {
  readonly schema: SampleSchema;
  readonly count: number;
  read(i: number): Promise<Sample>;
  /** Dataset-level facts (colorization's `rebalance`), as core's `info.extras`. */
  readonly extras?: Readonly<Record<string, unknown>>;
  close?(): Promise<void>;
}

export function fromCoreDataset(dataset: Dataset): TrainingDataset {
  return {
    schema: dataset.schema,
    count: dataset.count,
    read: (i) => dataset.read(i),
    extras: dataset.info.extras,
    close: () => dataset.close(),
  };
}

/** A dataset directory of shards (core's format) or a dataset object given directly. */
export async function openTrainingDataset(source: string | TrainingDataset): Promise<TrainingDataset> {
  return typeof source === 'string' ? fromCoreDataset(await openDataset(source)) : source;
}

/**
 * A pretext-task stream trained on directly, without shards: read in stream order, each epoch from
 * position 0. Sample k of an epoch must depend only on (seed, epoch, k), so a resumed run that reopens at
 * its saved position sees the same samples as an unbroken one.
 */
export interface LiveStream {
  readonly kind: 'live';
  readonly schema: SampleSchema;
  readonly extras?: Readonly<Record<string, unknown>>;
  /** Positions [startIndex, end of epoch) of an epoch; skipped positions yield nothing. */
  open(epoch: number, startIndex: number, signal: AbortSignal): AsyncIterable<StreamItem>;
  /** Stops what outlives an epoch's stream (workers kept from epoch to epoch); called when training ends. */
  close?(): Promise<void>;
}

/** What the trainer can take per task. */
export type DataSource = TrainingDataset | LiveStream;

export function isLiveStream(source: unknown): source is LiveStream {
  return typeof source === 'object' && source !== null && (source as { kind?: unknown }).kind === 'live';
}
