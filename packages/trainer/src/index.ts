export {};
export { MODEL_PRESETS, MODEL_PRESET_OPTIONS, EXEMPLAR_NEGATIVES, type ExemplarNegatives, resolveModelOptions, outputStride, featureSide, type ModelPreset, type ModelOptions, type HeadWidths } from './model/config';
export { MultiTaskNet, type StepLoss } from './model/network';
export { EVAL_LASSO_ROW } from './model/lasso';
export type { TaskBatch, RelativePositionBatch, ColorizationBatch, ExemplarBatch, MotionBatch, HeadLoss } from './model/batch';
export { type TrainingDataset, type LiveStream, type DataSource, isLiveStream, fromCoreDataset, openTrainingDataset } from './data/training-dataset';
export { checkDatasetSchema, SchemaMismatchError } from './data/schema-check';
export { fakeDataset, FAKE_SIZES, type FakeSizes } from './testing/fake-datasets';
export { EXHAUSTED_POLICIES, type ExhaustedPolicy } from './data/task-source';
export { INTERLEAVE_MODES, type InterleaveMode } from './data/interleaver';
export { train, type TrainResult, type TaskSummary, type StopReason } from './train/train';
export { LR_SCHEDULES, learningRateAt, type LrSchedule, type LrScheduleOptions } from './train/lr-schedule';
export { TRAIN_DEFAULTS, CONSOLE_LOGGER, resolveTrainOptions, type TrainOptions, type TrainInput, type TrainLogger } from './train/options';
export { createTrunk, loadTrunk, type Trunk } from './train/trunk';
// The run-file names and formats (CHECKPOINT_FORMAT, LATEST_FILE, RunState, METRICS_FILE, MetricsRecord,
// EXPORT_FOLDER) are @mtssl/contracts'; re-exported here for users that take them from the trainer.
export { CHECKPOINT_FORMAT, LATEST_FILE, latestCheckpoint, readRunConfig, type RunState } from './train/checkpoint';
export { METRICS_FILE, type MetricsRecord } from './train/metrics-log';
export { forwardFlops, kernelFlops, TRAINING_FLOPS_PER_FORWARD } from './train/flops';
export { benchTaskStep, benchTrunkStep, plainConv2dRate, type StepBench, type StepBenchOptions } from './train/step-bench';
export { measureStepMemory, checkStepMemory, WASM_HEAP_MARGIN, type StepMemory } from './train/memory-guard';
export { exportLayersModel, EXPORT_FOLDER, EXPORT_WEIGHTS_FILE, type ExportResult } from './export/export-layers';
