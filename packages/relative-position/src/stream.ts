// The relative-position PretextStream: options, schema, default length, the pooled stream and
// its preview, as the CLI and the trainer see them.
import { driveStream, EpochOrder, PretextStream, ResolvedManifest, resolveWorkerFile, SampleStream, StreamContext } from '@mtssl/core';
import {
  RELATIVE_POSITION_DEFAULTS,
  RELATIVE_POSITION_PRESETS,
  RelativePositionOptions,
  resolveRelativePositionOptions,
} from './options';
import { previewRelativePosition } from './preview';
import { relativePositionSchema } from './schema';
import { PairTask, TASK_KEY } from './task';

function openRelativePosition(
  manifest: ResolvedManifest,
  options: Readonly<RelativePositionOptions>,
  context: StreamContext,
): SampleStream {
  const o = resolveRelativePositionOptions(options);
  const files = manifest.images.map((i) => i.path);
  if (files.length === 0) throw new Error(`relative-position: manifest ${manifest.name} lists no images`);
  const order = new EpochOrder(context.seed, TASK_KEY, files.length);
  const fileAt = (k: number): string => files[order.at(k)] as string;
  return driveStream<PairTask>({
    schema: relativePositionSchema(o),
    workerFile: resolveWorkerFile(__dirname, 'relative-position.worker'),
    context,
    taskFor: (k) => ({ index: k, file: fileAt(k), seed: context.seed, options: o }),
    filesFor: (k) => [fileAt(k)],
  });
}

export const relativePositionStream: PretextStream<RelativePositionOptions> = Object.freeze({
  task: 'relative-position',
  source: 'images',
  defaults: RELATIVE_POSITION_DEFAULTS,
  presets: RELATIVE_POSITION_PRESETS,
  resolveOptions: resolveRelativePositionOptions,
  schema: relativePositionSchema,
  /** One pair per image: an epoch visits every image once. */
  defaultTotal: (manifest: ResolvedManifest) => manifest.images.length,
  open: openRelativePosition,
  preview: previewRelativePosition,
});
