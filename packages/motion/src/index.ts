export { MOTION_DEFAULTS, MOTION_PRESETS, resolveMotionOptions } from './options';
export type { MotionOptions } from './options';
export { motionStream } from './motion-stream';
export { MotionSampleStream } from './stream';
export type { MotionSkipCounts } from './stream';
export { motionSchema, MOTION_SCHEMA_VERSION } from './schema';
export { motionMask } from './motion-mask';
export type { MotionResult, FrameStatus, MaskOptions } from './motion-mask';
export { estimateShift } from './global-shift';
export type { Shift } from './global-shift';
// core locates ffmpeg for the whole project; kept here too, where motion's users found it
export { resolveFfmpegPath } from '@mtssl/core';
export { writeMotionPreview } from './preview';
