// @mtssl/pipeline's public API: the pipeline's jobs as typed functions (each with its options interface,
// frozen defaults and resolver), and the pieces of the pipeline other programs reuse.
export { preprocess, type PreprocessResult } from './preprocess';
export { PREPROCESS_DEFAULTS, resolvePreprocessOptions, type PreprocessOptions } from './preprocess-options';
export { type TaskOutcome } from './preprocess-task';
export { train, type TrainRunResult } from './train';
export { TRAIN_RUN_DEFAULTS, resolveTrainRunOptions, type TrainRunOptions } from './train-options';
export { defaultRunDir, type RunVariant } from './run-dir';
export { evaluate, type EvaluateResult } from './evaluate';
export { EVALUATE_DEFAULTS, resolveEvaluateOptions, type EvaluateOptions, type EvaluateInput } from './evaluate-options';
export { type ProbeRow } from './eval-probe';
export { experiment } from './experiment';
export { EXPERIMENT_DEFAULTS, EXPERIMENT_BATCH, resolveExperimentOptions, type ExperimentOptions } from './experiment-options';
export { EXPERIMENT_ROWS, planUnits, unitById, type ExperimentRow, type ExperimentUnit } from './experiment-plan';
export { type ExperimentResult } from './experiment-report';
export { type UnitResult } from './experiment-unit';
export { exportTrunk, type ExportOptions } from './export-trunk';
export { makeManifest, MANIFEST_DEFAULTS, MANIFEST_LABELS, type ManifestOptions } from './make-manifest';
export { benchStream, type StreamBenchOptions, type StreamBenchResult } from './bench-stream';
export { benchDemand, demandTable, type DemandBenchOptions, type DemandRow } from './bench-demand';
export { benchRecordName, commandLine, recordBenchRun, type BenchMode, type BenchRecord, type BenchSection } from './bench-record';
export { machineDescription, type MachineDescription } from './bench-machine';
export { STREAMS, GENERATORS, taskNeedsVideo, harmonizedFor, hasFinalizedExtras, streamOptionsFor, type AnyStream } from './registry';
export { readManifest, tasksFor, onlySplit, SPLIT_CHOICES, type SplitChoice } from './manifest';
export { datasetDir, defaultShardsRoot } from './dataset-layout';
export { SCHEDULE_KEYS, type ScheduleOptions } from './schedule';
export { resolveWasmThreads, type WasmThreads } from './wasm-threads';
export { isUserError, runInterruptible } from './interruptible';
