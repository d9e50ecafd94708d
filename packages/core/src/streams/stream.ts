// The contract every pretext-task stream package implements, so the CLI, the shard writer and the
// trainer can drive any of them the same way without importing one from another.
import type { PoolCache } from '../workers';
import type { BadInputPolicy, RunReport, Sample, SampleSchema, TaskName } from '../samples';
import type { ResolvedManifest } from '../manifest';
import { type PresetName, PRESET_NAMES, PRESET_INPUT_SIZE } from '@mtssl/contracts';

/** One sample and its position k in the stream: sample k depends only on (seed, k, options, data). */
export interface StreamItem {
  readonly index: number;
  readonly sample: Sample;
}

export interface StreamProgress {
  /** Stream positions consumed so far (including skipped ones). */
  readonly done: number;
  readonly total: number;
  readonly samples: number;
  readonly skipped: number;
}

export interface StreamContext {
  readonly seed: number;
  readonly threads: number;
  readonly policy: BadInputPolicy;
  /** First stream position to produce; positions before it are not computed (resume). */
  readonly startIndex?: number;
  /** Positions to run through, [startIndex, total); a bad input makes its positions yield nothing. */
  readonly total: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: StreamProgress) => void;
  /**
   * Worker pools to run in and leave running, for an owner that opens stream after stream (one an epoch)
   * and closes them at its end. Without it a stream starts its workers and stops them when it ends.
   */
  readonly pools?: PoolCache;
  /** MiB of decoded images each worker keeps between epochs (PoolOptions.decodeCacheMiB); default the pool's. */
  readonly decodeCacheMiB?: number;
}

/** An async-iterable stream of typed samples that declares what it emits and reports what it skipped. */
export interface SampleStream extends AsyncIterable<StreamItem> {
  readonly schema: SampleSchema;
  readonly report: RunReport;
}

// The presets are a contract shared beyond the streams (@mtssl/contracts); re-exported under core's names.
export { type PresetName, PRESET_NAMES, PRESET_INPUT_SIZE };

/** A pretext task's stream package, seen from the outside. `O` is its options interface. */
export interface PretextStream<O extends object> {
  readonly task: TaskName;
  /** What it samples from in a manifest: its images or its videos. */
  readonly source: 'images' | 'videos';
  readonly defaults: Readonly<O>;
  readonly presets: Readonly<Record<PresetName, Readonly<Partial<O>>>>;
  /** Merges over the defaults and validates; throws OptionError naming the bad option. */
  resolveOptions(options?: Partial<O>): Readonly<O>;
  schema(options: Readonly<O>): SampleSchema;
  /** How many stream positions a default run covers for this manifest. */
  defaultTotal(manifest: ResolvedManifest, options: Readonly<O>): number;
  open(manifest: ResolvedManifest, options: Readonly<O>, context: StreamContext): SampleStream;
  /** Renders the given samples to a PNG contact sheet a person can check at a glance. */
  preview(items: readonly StreamItem[], file: string, options: Readonly<O>): Promise<void>;
  /** Optional pass over a finished shard set, e.g. colorization's class-rebalancing weights. */
  finalize?(datasetDir: string, options: Readonly<O>): Promise<Readonly<Record<string, unknown>>>;
  /** The dataset-info extras `finalize` writes: a dataset without them is not ready to train on. */
  readonly finalizedExtras?: readonly string[];
  /**
   * True when sample k does not depend on the context's seed (motion: fixed frame slots), so every epoch
   * of a live run holds the same samples and one recorded epoch can be replayed.
   */
  readonly seedFree?: boolean;
}
