// What a checkpoint records about its run (the files named in run-files.ts), as the trainer writes it and
// a resume, eval, the CLI and the pipeline read it back. JSON on disk: plain data only.
import type { CHECKPOINT_FORMAT } from './run-files';
import type { TaskName } from './tasks';

/** latest.json: the current checkpoint folder of a run (swapped atomically after each checkpoint). */
export interface LatestCheckpoint {
  /** Folder name inside the run folder, `ckpt-<step>`. */
  readonly checkpoint: string;
  readonly step: number;
}

/** A seeded generator's state: core's Rng (sfc32) state words, stored so a resume draws the same tasks. */
export type RngState = readonly [number, number, number, number];

/** Where a task's data source stands: the epoch and the position within its permutation. */
export interface CursorState {
  readonly epoch: number;
  readonly position: number;
}

/** The interleaver's turn and the tasks still active (a task is dropped when its data runs out). */
export interface InterleaverState {
  readonly active: readonly TaskName[];
  readonly turn: number;
  readonly rng: RngState;
}

/** state.json: what a resumed run continues from. */
export interface RunState {
  readonly step: number;
  readonly tasks: readonly TaskName[];
  readonly interleaver: InterleaverState;
  readonly cursors: Readonly<Partial<Record<TaskName, CursorState>>>;
  /** The datasets' `harmonized` attribute per task (null when a dataset does not say). */
  readonly harmonized: Readonly<Partial<Record<TaskName, boolean | null>>>;
  /**
   * The run's resolved training options, minus the non-serialisable ones (in-memory datasets are stored
   * as '(in-memory)', live streams as '(live stream)'). Other packages read it through RunConfigSummary.
   */
  readonly config: Readonly<Record<string, unknown>>;
}

/** The part of state.json's `config` that other packages use: which preset the run used and its datasets. */
export interface RunConfigSummary {
  /** The model preset (a PresetName, or `probe`); absent when the state does not say. */
  readonly preset?: string;
  /** Task -> dataset folder (or '(in-memory)' / '(live stream)'). */
  readonly datasets: Readonly<Record<string, string>>;
}

/**
 * model.json of a checkpoint. `Model` is the trainer's network options and `Group` a TensorFlow.js
 * weights-manifest group, left as parameters so that this package depends on neither.
 */
export interface CheckpointModel<Model = Readonly<Record<string, unknown>>, Group = unknown> {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly model: Model;
  readonly tasks: readonly TaskName[];
  /** One group: the checkpoint's weights.bin. */
  readonly weightsManifest: readonly Group[];
}
