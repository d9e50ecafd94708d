// `preprocess`: builds each task's sample shards from a data manifest, resumably, with progress, a
// summary (samples, skipped files and why, samples/s) and preview sheets.
import { join, resolve } from 'node:path';
import { defaultShardsRoot } from './dataset-layout';
import { manifestDigest } from './dataset-settings';
import { onlySplit, readManifest, tasksFor } from './manifest';
import { PreprocessOptions, resolvePreprocessOptions } from './preprocess-options';
import { preprocessTask, TaskOutcome } from './preprocess-task';

export interface PreprocessResult {
  readonly shardsRoot: string;
  readonly outcomes: readonly TaskOutcome[];
}

function logOutcome(o: TaskOutcome, log: (line: string) => void): void {
  log(
    o.upToDate
      ? `${o.task}: up to date, ${o.samples} samples in ${o.dir}`
      : `${o.task}: ${o.samples} samples, ${o.skipped} inputs skipped, ${(o.samples / Math.max(o.seconds, 1e-3)).toFixed(1)} samples/s -> ${o.dir}`,
  );
  for (const s of o.skippedFiles.slice(0, 20)) log(`  skipped ${s.file}: ${s.reason}`);
  if (o.skippedFiles.length > 20) log(`  ... and ${o.skippedFiles.length - 20} more (see ${join(o.dir, 'dataset.json')})`);
  if (o.preview) log(`${o.task}: preview ${o.preview}`);
}

export async function preprocess(given: Partial<PreprocessOptions>, signal: AbortSignal, log: (line: string) => void): Promise<PreprocessResult> {
  const options = resolvePreprocessOptions(given);
  const manifest = onlySplit(await readManifest(options.manifest), options.split);
  const tasks = tasksFor(manifest, options.tasks);
  const shardsRoot = resolve(options.out ?? defaultShardsRoot(manifest.name, options.preset));
  log(`preprocess: manifest ${manifest.name} (${manifest.images.length} images, ${manifest.videos.length} videos), preset ${options.preset}, tasks ${tasks.join(', ')} -> ${shardsRoot}`);
  const outcomes: TaskOutcome[] = [];
  const manifestSha256 = manifestDigest(manifest.file);
  for (const task of tasks) {
    const outcome = await preprocessTask({ task, manifest, options, shardsRoot, manifestSha256, signal, log });
    outcomes.push(outcome);
    logOutcome(outcome, log);
  }
  return { shardsRoot, outcomes };
}
