// The stream contract (PretextStream) and what the image streams share: epoch order, driving positions
// through a pool, and the bench helpers.
export { benchImages, imageManifest } from './bench-images';
export { type PositionResult, driveStream } from './drive-stream';
export { EpochOrder } from './epoch-order';
export { measureStream } from './measure-stream';
export {
  type StreamItem, type StreamProgress, type StreamContext, type SampleStream, type PresetName, PRESET_NAMES,
  PRESET_INPUT_SIZE, type PretextStream,
} from './stream';
