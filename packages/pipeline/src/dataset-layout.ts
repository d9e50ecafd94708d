// The shards folder's layout: one folder per manifest and preset, in it one dataset folder per task
// (and per harmonized variant), with the preview sheets in `previews/`.
import { join } from 'node:path';
import type { PresetName, TaskName } from '@mtssl/core';

/** Where a task's shards live: one folder per manifest, one per task (and harmonized variant). */
export function datasetDir(shardsRoot: string, task: TaskName, harmonized: boolean): string {
  return join(shardsRoot, datasetName(task, harmonized));
}

/** The dataset folder's name, which its preview sheet shares. */
export function datasetName(task: TaskName, harmonized: boolean): string {
  return harmonized ? `${task}-harmonized` : task;
}

export function defaultShardsRoot(manifestName: string, preset: PresetName): string {
  return join('shards', `${manifestName}-${preset}`);
}

/** The preview sheet of a dataset: `<shards>/previews/<dataset>.png`. */
export function previewFile(shardsRoot: string, task: TaskName, harmonized: boolean): string {
  return join(shardsRoot, 'previews', `${datasetName(task, harmonized)}.png`);
}
