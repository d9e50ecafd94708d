// @mtssl/contracts: what packages agree on, in one place (README.md lists every contract). Declarations
// and frozen constants only: no logic and no imports, so that any package may depend on it.
export { TASKS, type TaskName } from './tasks';
export { type PresetName, PRESET_NAMES, PRESET_INPUT_SIZE } from './presets';
export {
  type FieldDType, type FieldContract, type RelativePositionFields, type ColorizationFields, type ExemplarFields,
  type MotionFields, type SampleFields, type SampleFieldName, type SampleField, type SampleFieldMap, type RelativePositionAttributes,
  type ColorizationAttributes, type ExemplarAttributes, type MotionAttributes, type SampleAttributes,
  SAMPLE_SCHEMA_VERSION, HARMONIZABLE, type SampleSchemaOf, type ColorizationExtras,
} from './samples';
export {
  METRICS_FILE, LATEST_FILE, CHECKPOINT_PREFIX, MODEL_FILE, WEIGHTS_FILE, OPTIMIZER_FILE, STATE_FILE, EXPORT_FOLDER,
  CHECKPOINT_FORMAT,
} from './run-files';
export { type MetricsRecord } from './metrics';
export {
  type LatestCheckpoint, type RngState, type CursorState, type InterleaverState, type RunState, type RunConfigSummary,
  type CheckpointModel,
} from './run-state';
