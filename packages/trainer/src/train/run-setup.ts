// What a run needs before its first step: the datasets opened and checked against the network
// options (from the preset, the datasets and, on resume, the checkpoint).
import { TaskName } from '@mtssl/core';
import { ModelOptions, resolveModelOptions } from '../model/config';
import { checkDatasetSchema } from '../data/schema-check';
import { DataSource, TrainingDataset, isLiveStream, openTrainingDataset } from '../data/training-dataset';
import { TrainOptions } from './options';
import { TASK_SPECS } from '../tasks';

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

/** The preset with the run's overrides; what the data fixes (patch size, bin count) follows it unless given. */
export function modelOptionsFor(options: TrainOptions, datasets: ReadonlyMap<TaskName, DataSource>): ModelOptions {
  const overrides: { -readonly [K in keyof ModelOptions]?: ModelOptions[K] } = { ...options.model, seed: options.seed, lasso: options.lasso };
  if (options.stride8 !== undefined) overrides.stride8 = options.stride8;
  for (const [task, dataset] of datasets) Object.assign(overrides, TASK_SPECS[task].modelFromData(dataset.schema, options.model));
  return resolveModelOptions(options.preset, overrides);
}

export function checkSchemas(datasets: ReadonlyMap<TaskName, DataSource>, model: ModelOptions): void {
  for (const [task, dataset] of datasets) checkDatasetSchema(task, dataset.schema, model);
}
