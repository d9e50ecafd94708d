// Everything the trainer knows about one pretext task, in one object, so that the shared code (data
// sources, network, memory guard, fakes) looks tasks up instead of switching over their names.
import * as tf from '@tensorflow/tfjs-core';
import type { SampleFields } from '@mtssl/contracts';
import { Rng, Sample, SampleSchema, TaskName } from '@mtssl/core';
import { BatchOf, HeadLoss } from '../model/batch';
import { ModelOptions } from '../model/config';
import { ForwardContext } from '../model/context';
import { RandomBatchSizes } from '../model/random-tensors';
import { FakeSizes } from '../data/fake-samples';
import { DataSource } from '../data/training-dataset';

/** A random batch's sizes less the batch size: what a task's samples measure, read from its schema. */
export type BatchSizes = Omit<RandomBatchSizes, 'batchSize'>;

/** The task's in-memory fake dataset: learnable samples whose answer is in the pixels. */
export interface FakeSpec<K extends TaskName> {
  /** The task's fields as its stream emits them (the contract in @mtssl/contracts), at the fake sizes. */
  fields(s: FakeSizes): SampleFields[K];
  attributes(s: FakeSizes): Readonly<Record<string, number | boolean>>;
  /** Sample `index`, drawn from `rng` (seeded by seed, task and index) in a fixed order. */
  sample(rng: Rng, s: FakeSizes, index: number): Sample;
  extras(s: FakeSizes): Readonly<Record<string, unknown>>;
}

// Methods (not function-valued properties) so that TaskSpec<'motion'> widens to TaskSpec<TaskName> in the
// registry's specFor, where the batch's own task picks the spec.
export interface TaskSpec<K extends TaskName> {
  readonly task: K;
  /** The fields, dtypes, shapes and attributes the trainer needs; throws SchemaMismatchError. */
  checkSchema(schema: SampleSchema, model: ModelOptions): void;
  /** Network options the data fixes where the run's `model` leaves them unset. */
  modelFromData(schema: SampleSchema, given: Partial<ModelOptions>): Partial<ModelOptions>;
  /** The input side the head's variables depend on, or null where any side builds the same head. */
  fixedSide(model: ModelOptions): number | null;
  /** The tensor all of a dataset's batches share (owned by its source), or undefined. */
  sharedWeights(dataset: Pick<DataSource, 'extras'>, model: ModelOptions, warn: (line: string) => void): tf.Tensor1D | undefined;
  /** Samples already checked against the schema, to a batch holding `shared`. */
  collate(schema: SampleSchema, samples: readonly Sample[], shared: tf.Tensor1D | undefined): BatchOf<K>;
  /** The batch's own tensors, disposed after its step. */
  owned(batch: BatchOf<K>): tf.Tensor[];
  /** Tensors the batch holds but its source owns. */
  shared(batch: BatchOf<K>): tf.Tensor[];
  forward(ctx: ForwardContext, model: ModelOptions, features: tf.Tensor4D): tf.Tensor;
  loss(output: tf.Tensor, batch: BatchOf<K>, model: ModelOptions): HeadLoss;
  /** What the memory guard's random batches measure, from the schema. */
  batchSizes(schema: SampleSchema, numBins: number): BatchSizes;
  /** Uniform noise with valid labels; the shared tensors are created too. */
  randomBatch(rng: Rng, sizes: RandomBatchSizes): BatchOf<K>;
  readonly fake: FakeSpec<K>;
}
