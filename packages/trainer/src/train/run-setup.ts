// What a run needs before its first step: the datasets opened and checked against the network
// options (from the preset, the datasets and, on resume, the checkpoint).
import { TaskName } from '@mtssl/core';
import { ModelOptions, resolveModelOptions } from '../model/config';
import { checkDatasetSchema, relativePositionPatchSize } from '../data/schema-check';
import { DataSource, TrainingDataset, isLiveStream, openTrainingDataset } from '../data/training-dataset';
import { TrainOptions } from './options';

export async function openDatasets(options: TrainOptions, tasks: readonly TaskName[]): Promise<Map<TaskName, DataSource>> {
  const out = new Map<TaskName, DataSource>();
  try {
    for (const task of tasks) {
      const given = options.datasets[task] as string | DataSource;
      if (isLiveStream(given)) {
        out.set(task, given);
        continue;
      }
      const dataset = await openTrainingDataset(given);
      out.set(task, dataset);
      if (dataset.count < options.batchSize) {
        throw new Error(`${task}: the dataset holds ${dataset.count} samples, fewer than batchSize ${options.batchSize}`);
      }
    }
  } catch (error) {
    await closeDatasets(out);
    throw error;
  }
  return out;
}

export async function closeDatasets(datasets: ReadonlyMap<TaskName, DataSource>): Promise<void> {
  await Promise.all([...datasets.values()].map((d) => (isLiveStream(d) ? undefined : (d as TrainingDataset).close?.())));
}

/** The preset with the run's overrides; patch size and bin count follow the data unless given. */
export function modelOptionsFor(options: TrainOptions, datasets: ReadonlyMap<TaskName, DataSource>): ModelOptions {
  const overrides: { -readonly [K in keyof ModelOptions]?: ModelOptions[K] } = { ...options.model, seed: options.seed, lasso: options.lasso };
  if (options.stride8 !== undefined) overrides.stride8 = options.stride8;
  const rp = datasets.get('relative-position');
  if (rp && options.model.rpPatchSize === undefined) overrides.rpPatchSize = relativePositionPatchSize(rp.schema);
  const bins = datasets.get('colorization')?.schema.attributes?.['numBins'];
  if (typeof bins === 'number' && options.model.numBins === undefined) overrides.numBins = bins;
  return resolveModelOptions(options.preset, overrides);
}

export function checkSchemas(datasets: ReadonlyMap<TaskName, DataSource>, model: ModelOptions): void {
  for (const [task, dataset] of datasets) checkDatasetSchema(task, dataset.schema, model);
}
