export { colorizationStream } from './stream';
export {
  COLORIZATION_DEFAULTS,
  COLORIZATION_PRESETS,
  GRAYSCALE_POLICIES,
  resolveColorizationOptions,
  type ColorizationOptions,
  type GrayscalePolicy,
} from './options';
export { colorizationSchema, binCentersFor, COLORIZATION_SCHEMA_VERSION } from './schema';
export { finalizeColorization, binHistogram, type RebalanceExtras } from './finalize';
export { previewColorization, decodedAb } from './preview';
export { encodeCrop, averageAb, meanChroma, chromaStats, grayscaleCheck, isNearGrayscale, VIVID_FRACTION, type ChromaStats, type GrayscaleCheck, type EncodeSpec, type EncodedTargets } from './encode';
export { TRUE_AB_FIELD } from './make-sample';
