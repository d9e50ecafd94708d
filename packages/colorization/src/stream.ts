// The colorization PretextStream as the CLI and the trainer see it.
import { driveStream, EpochOrder, PretextStream, ResolvedManifest, resolveWorkerFile, SampleStream, StreamContext } from '@mtssl/core';
import { finalizeColorization } from './finalize';
import { COLORIZATION_DEFAULTS, COLORIZATION_PRESETS, ColorizationOptions, resolveColorizationOptions } from './options';
import { previewColorization } from './preview';
import { colorizationSchema } from './schema';
import { ColorizationResult, ColorizationTask, TASK_KEY } from './task';

function openColorization(manifest: ResolvedManifest, options: Readonly<ColorizationOptions>, context: StreamContext): SampleStream {
  const o = resolveColorizationOptions(options);
  const files = manifest.images.map((i) => i.path);
  if (files.length === 0) throw new Error(`colorization: manifest ${manifest.name} lists no images`);
  const order = new EpochOrder(context.seed, TASK_KEY, files.length);
  const fileAt = (k: number): string => files[order.at(k)] as string;
  return driveStream<ColorizationTask, ColorizationResult>({
    schema: colorizationSchema(o),
    workerFile: resolveWorkerFile(__dirname, 'colorization.worker'),
    context,
    taskFor: (k) => ({ index: k, file: fileAt(k), seed: context.seed, options: o }),
    filesFor: (k) => [fileAt(k)],
    // Grayscale images are a data fact, not damage: reported as skipped without failing a 'fail' run.
    isDataSkip: (result) => !result.ok && result.grayscale,
  });
}

export const colorizationStream: PretextStream<ColorizationOptions> = Object.freeze<PretextStream<ColorizationOptions>>({
  task: 'colorization',
  source: 'images',
  defaults: COLORIZATION_DEFAULTS,
  presets: COLORIZATION_PRESETS,
  resolveOptions: resolveColorizationOptions,
  schema: (options: Readonly<ColorizationOptions>) => colorizationSchema(resolveColorizationOptions(options)),
  /** One crop per image: an epoch visits every image once. */
  defaultTotal: (manifest: ResolvedManifest) => manifest.images.length,
  open: openColorization,
  preview: (items, file, options) => previewColorization(items, file, resolveColorizationOptions(options)),
  finalize: async (dir, options) => finalizeColorization(dir, resolveColorizationOptions(options)),
  finalizedExtras: ['rebalance'],
});
