// Where `train` takes each task's samples from: its shards (preprocessing first the tasks whose shards
// are missing) or its live stream.
import { resolve } from 'node:path';
import { isDatasetComplete, readDatasetInfo, ResolvedManifest, TaskName } from '@mtssl/core';
import type { DataSource } from '@mtssl/trainer';
import { datasetDir, defaultShardsRoot } from './dataset-layout';
import { liveStreamFor } from './live-streams';
import { preprocess } from './preprocess';
import { harmonizedFor, hasFinalizedExtras } from './registry';
import type { TrainRunOptions } from './train-options';

/** Whether a task's dataset can be trained on as it is: finished, with what its finalize pass writes. */
async function ready(task: TaskName, dir: string): Promise<boolean> {
  // a dataset marked complete without its finalize extras (a run killed in between, e.g. before
  // colorization's rebalancing weights) is handed to preprocess too, which repairs it
  return (await isDatasetComplete(dir)) && hasFinalizedExtras(task, (await readDatasetInfo(dir)).extras);
}

/** Each task's shard folder, preprocessing first the tasks whose shards are missing. */
export async function shardSources(manifest: ResolvedManifest, tasks: readonly TaskName[], o: TrainRunOptions, signal: AbortSignal, log: (line: string) => void): Promise<Record<string, DataSource | string>> {
  const shardsRoot = resolve(o.shards ?? defaultShardsRoot(manifest.name, o.preset));
  const dirFor = (t: TaskName) => datasetDir(shardsRoot, t, harmonizedFor(t, o.harmonize));
  const complete = await Promise.all(tasks.map((t) => ready(t, dirFor(t))));
  const missing = tasks.filter((_, i) => !complete[i]);
  if (missing.length > 0) {
    log(`train: shards missing for ${missing.join(', ')}; preprocessing them first`);
    await preprocess({ manifest: o.manifest, preset: o.preset, tasks: missing, out: shardsRoot, seed: o.seed, harmonize: o.harmonize, decodeCacheMiB: o.decodeCacheMiB }, signal, log);
  }
  return Object.fromEntries(tasks.map((t) => [t, dirFor(t)]));
}

/** Each task's stream, sampled while training runs (colorization then has no rebalancing prior). */
export function liveSources(manifest: ResolvedManifest, tasks: readonly TaskName[], o: TrainRunOptions): Record<string, DataSource> {
  const settings = { preset: o.preset, harmonize: o.harmonize, seed: o.seed, threads: o.liveThreads, policy: o.policy, decodeCacheMiB: o.decodeCacheMiB };
  return Object.fromEntries(tasks.map((t) => [t, liveStreamFor(t, manifest, settings)]));
}
