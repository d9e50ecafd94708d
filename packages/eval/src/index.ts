export type { FeatureExtractor, TrainableExtractor } from './extractor';
export { PROBE_DEFAULTS, PROBE_PRESETS, resolveProbeOptions, type ProbeOptions } from './probe-options';
export { probeFeatures, type LabelledFeatures, type ProbeScores, type ProbeFit } from './linear-probe';
export type { LinearLayer } from './softmax-layer';
export { topKAccuracy } from './topk';
export { computeFeatures, type FeatureRequest, type FeatureResult } from './features';
export { loadImages } from './image-load';
export { labelledFiles, externalTestFiles, type LabelledFiles } from './labelled-set';
export { KNN_DEFAULTS, resolveKnnOptions, knnAccuracy, type KnnOptions, type KnnScores } from './knn';
export { runLinearProbe, type LinearProbeRequest, type LinearProbeResult } from './run-linear-probe';
export { createConvExtractor, CONV_EXTRACTOR_DEFAULTS, resolveConvExtractorOptions, type ConvExtractorOptions } from './conv-extractor';
export { compareToBaselines, differenceStandardError, gapFraction, type CompareOptions, type ComparisonRow, type ComparedRow, type Comparison } from './comparison';
export { comparisonMarkdown, comparisonHtml } from './comparison-render';
export { writeRunReport, type ReportInput, type ReportOutput, type ReportPlot, type LassoMatrix } from './report';
export { lineChartSvg, type LineChartSpec, type Series } from './line-chart';
export { heatmapSvg, type HeatmapSpec } from './heatmap';
export { parseTrainingLog, seriesByTask, type LogRecord } from './training-log';
export { trainSupervised, type SupervisedData, type SupervisedResult } from './supervised';
export { trainSupervisedOnManifest } from './supervised-manifest';
export { SUPERVISED_DEFAULTS, resolveSupervisedOptions, type SupervisedOptions } from './supervised-options';
export { trunkExtractor, type TrunkExtractorOptions } from './trunk-extractor';
export { weightsDigest } from './weights-digest';
export { loadPixelSet, subsetPixels, splitPerClass, perClassIndices, type PixelSet } from './pixel-set';
export { blockFeatures, type BlockFeatures } from './block-features';
export {
  trainTrunkSupervised,
  augmentBatch,
  resolveSupervisedTrunkOptions,
  SUPERVISED_TRUNK_DEFAULTS,
  type SupervisedTrunkOptions,
  type SupervisedTrunkResult,
} from './supervised-trunk';
export { nearestByCosine, writeRetrievalSheet, type RetrievalInput, type RetrievalResult } from './retrieval';
