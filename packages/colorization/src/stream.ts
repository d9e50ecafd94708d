// The colorization PretextStream as the CLI and the trainer see it.
import { PretextStream, ResolvedManifest, resolveWorkerFile, SampleStream, StreamContext } from '@mtssl/core';
import { driveStream } from './drive';
import { finalizeColorization } from './finalize';
import { COLORIZATION_DEFAULTS, COLORIZATION_PRESETS, ColorizationOptions, resolveColorizationOptions } from './options';
import { EpochOrder } from './order';
import { previewColorization } from './preview';
import { colorizationSchema } from './schema';
import { TASK_KEY } from './task';

function openColorization(manifest: ResolvedManifest, options: Readonly<ColorizationOptions>, context: StreamContext): SampleStream {
  const o = resolveColorizationOptions(options);
  const files = manifest.images.map((i) => i.path);
  if (files.length === 0) throw new Error(`colorization: manifest ${manifest.name} lists no images`);
  const order = new EpochOrder(context.seed, TASK_KEY, files.length);
  return driveStream({
    schema: colorizationSchema(o),
    workerFile: resolveWorkerFile(__dirname, 'colorization.worker'),
    context,
    taskFor: (k) => ({ index: k, file: files[order.at(k)] as string, seed: context.seed, options: o }),
  });
}

export const colorizationStream: PretextStream<ColorizationOptions> = Object.freeze<PretextStream<ColorizationOptions>>({
  task: 'colorization',
  defaults: COLORIZATION_DEFAULTS,
  presets: COLORIZATION_PRESETS,
  resolveOptions: resolveColorizationOptions,
  schema: (options: Readonly<ColorizationOptions>) => colorizationSchema(resolveColorizationOptions(options)),
  /** One crop per image: an epoch visits every image once. */
  defaultTotal: (manifest: ResolvedManifest) => manifest.images.length,
  open: openColorization,
  preview: (items, file, options) => previewColorization(items, file, resolveColorizationOptions(options)),
  finalize: async (dir, options) => finalizeColorization(dir, resolveColorizationOptions(options)),
});
