// @mtssl/core's public API, folder by folder (see README.md, "Layout"). Each folder's index also serves
// the other folders; only the names listed here leave the package. tfrecord/ (the framing) stays internal.
export {
  OptionError, requirePositiveInt, requireNonNegativeInt, requireNumberInRange, requireOneOf, requireBoolean,
  rejectUnknownKeys,
} from './options';
export {
  BAD_INPUT_POLICIES, type BadInputPolicy, BadInputError, type SkippedInput, RunReport, type RngState, Rng,
  sampleRng, type FieldSpec, type SampleSchema, type Sample, checkSample, findField, TASKS, type TaskName,
  isTaskName,
} from './samples';
export {
  AB_GAMUT_MARGIN, abBinCenters, softEncodeAb, decodeAbExpectation, rebalanceWeights, srgbToLab, labToSrgb,
  lightnessToByte, byteToLightness, rgbImageToLab, harmonizeRgb,
} from './colour';
export {
  manifestFromFolder, type Split, type ResolvedManifest, type CorpusGenerator, ManifestError, loadManifest,
} from './manifest';
export {
  BadImage, decodeImage, decodeImageView, decodeImageFull, setDecodeCacheBytes, decodeCacheStats,
  type DecodeCacheStats, readImageBytes, type ImageView, viewOf, canResampleInJs, resizeRgb, resizeRgbRegion,
  cropRgb, mirrorRgb, type RgbImage, SMALL_JPEG_MAX_PIXELS,
} from './image';
export {
  ownedCopy, moveOut, PoolCache, acquirePool, WorkerPool, POOL_DEFAULTS, resolveWorkerFile, defaultThreads, configureWorker,
} from './workers';
export {
  benchImages, imageManifest, type PositionResult, driveStream, EpochOrder, measureStream, type StreamItem,
  type StreamProgress, type StreamContext, type SampleStream, type PresetName, PRESET_NAMES, PRESET_INPUT_SIZE,
  type PretextStream,
} from './streams';
export {
  fsyncDir, writeFileAtomic, DatasetError, readDatasetInfo, type DatasetInfo, LOCK_FILE, type PartSpec, type PartRange, parsePartSpec,
  partRange, partDir, partCounts, mergeDatasetParts, Dataset, openDataset, isDatasetComplete, DatasetWriter,
  updateDatasetExtras, writeStreamShards, datasetRecordDigests,
} from './shards';
export { type SheetTile, writeContactSheet, drawArrow, blendMask } from './preview';
export { resolveFfmpegPath } from './video';
