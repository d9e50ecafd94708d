export { relativePositionStream } from './stream';
export {
  CHROMA_GUARDS,
  RELATIVE_POSITION_DEFAULTS,
  RELATIVE_POSITION_PRESETS,
  cellSize,
  resolveRelativePositionOptions,
} from './options';
export type { ChromaGuard, RelativePositionOptions } from './options';
export { NEIGHBOUR_OFFSETS, gridExtent, labelForOffset, samplePairLayout } from './geometry';
export type { PairLayout, PatchBox } from './geometry';
export { makePair } from './pair';
export type { PatchPair } from './pair';
export { relativePositionSchema } from './schema';
