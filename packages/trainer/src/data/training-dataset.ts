// The little the trainer needs from a dataset, so shards, in-memory fakes and tests look alike.
import { Dataset, Sample, SampleSchema, openDataset } from '@mtssl/core';

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
