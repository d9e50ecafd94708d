// A manifest as the pipeline reads it: by path (relative to the working directory) with the embedded
// corpus generator registered, the tasks it has data for, and one split of it.
import { resolve } from 'node:path';
import { loadManifest, ResolvedManifest, TASKS, TaskName } from '@mtssl/core';
import { GENERATORS, taskNeedsVideo } from './registry';

/** `all` (the default) or one split of a manifest. */
export const SPLIT_CHOICES = ['all', 'train', 'test'] as const;
export type SplitChoice = (typeof SPLIT_CHOICES)[number];

export function readManifest(file: string): Promise<ResolvedManifest> {
  return loadManifest(resolve(file), { generators: GENERATORS });
}

/** The requested tasks (each must have data), or every task the manifest has data for. */
export function tasksFor(manifest: ResolvedManifest, requested: readonly TaskName[] | undefined): TaskName[] {
  const usable = (t: TaskName) => (taskNeedsVideo(t) ? manifest.videos.length > 0 : manifest.images.length > 0);
  if (requested) {
    for (const t of requested) {
      if (!usable(t)) throw new Error(`${t}: manifest ${manifest.file} has no ${taskNeedsVideo(t) ? 'videos' : 'images'}`);
    }
    return [...requested];
  }
  return TASKS.filter(usable);
}

/** Keeps one split's files, e.g. so pretraining never sees the images a probe is tested on. */
export function onlySplit(manifest: ResolvedManifest, split: SplitChoice): ResolvedManifest {
  if (split === 'all') return manifest;
  return { ...manifest, images: manifest.images.filter((i) => i.split === split), videos: manifest.videos.filter((v) => v.split === split) };
}
