// The names of the files a training run leaves in its folder. The trainer writes them; eval, the CLI and
// the pipeline find them by these names, so a rename here is a format change for every run on disk.
//
//   <run>/metrics.jsonl                   one MetricsRecord per step (metrics.ts)
//   <run>/latest.json                     LatestCheckpoint: which checkpoint folder is current
//   <run>/ckpt-<step, 8 digits>/          a checkpoint, written beside and renamed into place
//       model.json                        CheckpointModel: network options, tasks, weights manifest
//       weights.bin                       the network's weights
//       optimizer.json, optimizer-<task>.bin   each task's RMSProp slots (read by the trainer only)
//       state.json                        RunState: step, data cursors, interleaver, options
//   <run>/layers-model/                   the trunk exported as a TensorFlow.js Layers model

export const METRICS_FILE = 'metrics.jsonl';
export const LATEST_FILE = 'latest.json';
/** Checkpoint folders are this prefix and the step, zero-padded to 8 digits (`ckpt-00000060`). */
export const CHECKPOINT_PREFIX = 'ckpt-';
export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
export const OPTIMIZER_FILE = 'optimizer.json';
export const STATE_FILE = 'state.json';
/** Where train and export put the Layers model inside a run folder by default. */
export const EXPORT_FOLDER = 'layers-model';
/** The `format` of a checkpoint's model.json, so a stray model.json is not taken for one. */
export const CHECKPOINT_FORMAT = 'mtssl-checkpoint';
