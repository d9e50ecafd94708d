// The PretextStream object the CLI, shard writer and trainer drive.
import type { PretextStream, ResolvedManifest, StreamContext } from '@mtssl/core';
import { MOTION_DEFAULTS, MOTION_PRESETS, MotionOptions, resolveMotionOptions } from './options';
import { writeMotionPreview } from './preview';
import { motionSchema } from './schema';
import { MotionSampleStream } from './stream';

export const motionStream: PretextStream<MotionOptions> = Object.freeze({
  task: 'motion' as const,
  source: 'videos' as const,
  defaults: MOTION_DEFAULTS,
  presets: MOTION_PRESETS,
  resolveOptions: resolveMotionOptions,
  schema: motionSchema,
  /** Every video owns framesPerVideo positions (positions.ts). */
  defaultTotal: (manifest: ResolvedManifest, o: Readonly<MotionOptions>) => manifest.videos.length * o.framesPerVideo,
  open: (manifest: ResolvedManifest, o: Readonly<MotionOptions>, context: StreamContext) => new MotionSampleStream(manifest, o, context),
  preview: writeMotionPreview,
  /** Slots are fixed frame numbers of each video: the seed changes nothing (tested). */
  seedFree: true,
});
