// Writes a stream's samples as TFRecord shards with a dataset.json that is rewritten (atomically) after
// every finished shard, so an interrupted run keeps all finished shards and resumes after the last one.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanTempFiles, writeFileAtomic } from './atomic-write';
import { type RunReportJSON, checkSample, type SampleSchema, schemaDifference } from '../samples';
import {
  DATASET_FILE,
  DATASET_FORMAT,
  DATASET_VERSION,
  DatasetError,
  readDatasetInfo,
  shardFileName,
  shardIndexFileName,
  type DatasetInfo,
  type ShardEntry,
} from './dataset-format';
import { frameRecord, encodeExample } from '../tfrecord';
import { ShardBuilder } from './shard-builder';
import { DatasetLock } from './dataset-lock';
import type { StreamItem } from '../streams';
import { OptionError, rejectUnknownKeys, requirePositiveInt } from '../options';

export interface DatasetWriterOptions {
  /** Records per shard file; the last shard may hold fewer. */
  readonly samplesPerShard: number;
  /** Free-form facts about the run (options, seed, manifest) stored in dataset.json. */
  readonly meta: Readonly<Record<string, unknown>>;
}

export const DATASET_WRITER_DEFAULTS: Readonly<DatasetWriterOptions> = Object.freeze({ samplesPerShard: 512, meta: Object.freeze({}) });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function resolveDatasetWriterOptions(options: Partial<DatasetWriterOptions> = {}): Readonly<DatasetWriterOptions> {
  rejectUnknownKeys('DatasetWriter', options, Object.keys(DATASET_WRITER_DEFAULTS));
  const merged = { ...DATASET_WRITER_DEFAULTS, ...options };
  requirePositiveInt('samplesPerShard', merged.samplesPerShard);
  if (!isPlainObject(merged.meta)) throw new OptionError(`meta must be a plain object, got ${JSON.stringify(merged.meta)}`);
  return Object.freeze(merged);
}

export interface FinishOptions {
  readonly report?: RunReportJSON;
  readonly extras?: Readonly<Record<string, unknown>>;
}

function freshInfo(schema: SampleSchema, meta: Readonly<Record<string, unknown>>): DatasetInfo {
  return {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    task: schema.task,
    schema,
    shards: [],
    count: 0,
    nextIndex: 0,
    complete: false,
    extras: {},
    report: null,
    meta: { ...meta },
    updatedAt: new Date().toISOString(),
  };
}

async function saveInfo(dir: string, info: DatasetInfo): Promise<DatasetInfo> {
  const saved = { ...info, updatedAt: new Date().toISOString() };
  await writeFileAtomic(join(dir, DATASET_FILE), `${JSON.stringify(saved, null, 2)}\n`);
  return saved;
}

async function fileSize(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}

/** Finished shards must be intact to resume after them; a damaged one is named, not silently rewritten. */
async function checkFinishedShards(dir: string, shards: readonly ShardEntry[]): Promise<void> {
  for (const shard of shards) {
    const size = await fileSize(join(dir, shard.file));
    if (size === undefined) throw new DatasetError(`${dir}: shard ${shard.file} listed in ${DATASET_FILE} is missing`);
    if (size !== shard.bytes) throw new DatasetError(`${dir}: shard ${shard.file} has ${size} bytes, ${DATASET_FILE} says ${shard.bytes}`);
    if ((await fileSize(join(dir, shardIndexFileName(shard.file)))) === undefined) {
      throw new DatasetError(`${dir}: index ${shardIndexFileName(shard.file)} of shard ${shard.file} is missing`);
    }
  }
}

/** Removes shard files of `task` that dataset.json does not list (written after its last update). */
async function removeUnlistedShards(dir: string, task: string, shards: readonly ShardEntry[]): Promise<void> {
  const keep = new Set(shards.flatMap((s) => [s.file, shardIndexFileName(s.file)]));
  const pattern = new RegExp(`^${task}-\\d{5,}\\.(tfrecord|index\\.json)$`);
  const stale = (await readdir(dir)).filter((n) => pattern.test(n) && !keep.has(n));
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true })));
}

async function loadForResume(dir: string, schema: SampleSchema): Promise<DatasetInfo> {
  const info = await readDatasetInfo(dir);
  const diff = schemaDifference(schema, info.schema);
  if (diff) throw new DatasetError(`${join(dir, DATASET_FILE)}: the stored schema differs from this run's: ${diff}`);
  await checkFinishedShards(dir, info.shards);
  await removeUnlistedShards(dir, info.task, info.shards);
  const last = info.shards[info.shards.length - 1];
  const count = info.shards.reduce((n, s) => n + s.count, 0);
  // an unfinished run's nextIndex is the one after its last finished shard; a finished run keeps its own
  return info.complete ? { ...info, count } : { ...info, count, nextIndex: last ? last.lastIndex + 1 : 0 };
}

/** Writes samples into `<task>-NNNNN.tfrecord` shards of tf.Example records; see the package README. */
export class DatasetWriter {
  /** The run report to store with each finished shard (set by writeStreamShards), so a killed run keeps it. */
  reportAtShard: (() => RunReportJSON) | undefined;
  private builder: ShardBuilder | undefined;
  private lastIndex: number;
  private closed = false;

  private constructor(
    readonly dir: string,
    readonly schema: SampleSchema,
    readonly options: Readonly<DatasetWriterOptions>,
    private state: DatasetInfo,
    /** Stream position to restart at: the one after the last finished shard (0 for a new dataset). */
    readonly resumeIndex: number,
    private readonly lock: DatasetLock,
  ) {
    this.lastIndex = resumeIndex - 1;
  }

  /**
   * Opens `dir` for writing: creates a new dataset, or resumes one with the same schema. The folder is
   * locked until finish(), abort() or close(); a second writer, in this process or another, is refused.
   */
  static async open(dir: string, schema: SampleSchema, options: Partial<DatasetWriterOptions> = {}): Promise<DatasetWriter> {
    const resolved = resolveDatasetWriterOptions(options);
    await mkdir(dir, { recursive: true });
    const lock = await DatasetLock.acquire(dir);
    try {
      // only now: the temp files of a writer that holds the lock are not stale
      await cleanTempFiles(dir);
      const existing = (await fileSize(join(dir, DATASET_FILE))) !== undefined;
      let info = existing ? await loadForResume(dir, schema) : freshInfo(schema, resolved.meta);
      if (existing && options.meta !== undefined) info = { ...info, meta: { ...resolved.meta } };
      info = await saveInfo(dir, info);
      return new DatasetWriter(dir, schema, resolved, info, info.nextIndex, lock);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  /** Samples accepted so far: those in finished shards plus the shard being written. */
  get count(): number {
    return this.state.count + (this.builder?.count ?? 0);
  }

  get complete(): boolean {
    return this.state.complete;
  }

  /** A snapshot of dataset.json as last written. */
  get info(): DatasetInfo {
    return this.state;
  }

  /** Adds one sample; stream positions must increase and start at or after resumeIndex. */
  async write(item: StreamItem): Promise<void> {
    this.checkWritable();
    const where = `${this.schema.task} sample ${item.index}`;
    if (!Number.isSafeInteger(item.index) || item.index <= this.lastIndex) {
      throw new DatasetError(`${where}: stream positions must increase, got ${item.index} after ${this.lastIndex}`);
    }
    try {
      checkSample(this.schema, item.sample);
    } catch (err) {
      throw new DatasetError(`${where}: ${(err as Error).message}`);
    }
    const frame = frameRecord(encodeExample(this.schema, item.sample, item.index));
    this.builder ??= await ShardBuilder.create(this.dir, shardFileName(this.schema.task, this.state.shards.length));
    await this.builder.add(frame, item.index);
    this.lastIndex = item.index;
    if (this.builder.count >= this.options.samplesPerShard) await this.finishShard();
  }

  /** Writes the last partial shard and marks the dataset complete. */
  async finish(options: FinishOptions = {}): Promise<DatasetInfo> {
    if (this.closed) throw new DatasetError(`${this.dir}: writer is closed`);
    if (this.builder?.count) await this.finishShard();
    else await this.builder?.abort();
    this.builder = undefined;
    this.state = await saveInfo(this.dir, {
      ...this.state,
      complete: true,
      report: options.report ?? this.state.report,
      extras: { ...this.state.extras, ...(options.extras ?? {}) },
    });
    await this.lock.release();
    return this.state;
  }

  /**
   * Makes a finished dataset writable again, to grow it with later stream positions (the caller resumes
   * its stream at the old total); extras computed over the old shards are dropped with `complete`.
   */
  async reopen(): Promise<void> {
    if (this.closed) throw new DatasetError(`${this.dir}: writer is closed`);
    if (!this.state.complete) return;
    this.state = await saveInfo(this.dir, { ...this.state, complete: false, extras: {} });
  }

  /** Merges `extras` into dataset.json (e.g. colorization's rebalancing weights after a pass over the shards). */
  async setExtras(extras: Readonly<Record<string, unknown>>): Promise<DatasetInfo> {
    if (!isPlainObject(extras)) throw new OptionError(`extras must be a plain object, got ${JSON.stringify(extras)}`);
    this.state = await saveInfo(this.dir, { ...this.state, extras: { ...this.state.extras, ...extras } });
    return this.state;
  }

  /** Drops the shard in progress (finished shards stay); the writer cannot be used afterwards. */
  async abort(): Promise<void> {
    this.closed = true;
    try {
      await this.builder?.abort();
      this.builder = undefined;
    } finally {
      await this.lock.release();
    }
  }

  /** Leaves the dataset as it stands (finished shards kept, none in progress allowed) and unlocks it. */
  async close(): Promise<void> {
    if (this.builder?.count) throw new DatasetError(`${this.dir}: a shard is in progress; finish() or abort() the writer`);
    await this.abort();
  }

  private checkWritable(): void {
    if (this.closed) throw new DatasetError(`${this.dir}: writer is closed`);
    if (this.state.complete) throw new DatasetError(`${this.dir}: dataset is complete; open a new directory to write more`);
  }

  private async finishShard(): Promise<void> {
    const builder = this.builder;
    if (!builder) return;
    this.builder = undefined;
    const entry = await builder.commit();
    this.state = await saveInfo(this.dir, {
      ...this.state,
      shards: [...this.state.shards, entry],
      count: this.state.count + entry.count,
      nextIndex: entry.lastIndex + 1,
      report: this.reportAtShard?.() ?? this.state.report,
    });
  }
}

/** Merges `extras` into a dataset's dataset.json, finished or not. */
export async function updateDatasetExtras(dir: string, extras: Readonly<Record<string, unknown>>): Promise<DatasetInfo> {
  if (!isPlainObject(extras)) throw new OptionError(`extras must be a plain object, got ${JSON.stringify(extras)}`);
  const info = await readDatasetInfo(dir);
  return saveInfo(dir, { ...info, extras: { ...info.extras, ...extras } });
}
