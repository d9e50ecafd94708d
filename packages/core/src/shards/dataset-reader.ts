// Reads a shard set written by DatasetWriter: checks every shard against its index on open (a missing
// or truncated shard is named), serves random access through the indexes, and can verify every CRC.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DATASET_FILE,
  DatasetError,
  readDatasetInfo,
  readShardIndex,
  shardIndexFileName,
  type DatasetInfo,
  type ShardEntry,
  type ShardIndex,
} from './dataset-format';
import { RecordFileReader, ShardError, readRecords, decodeExample } from '../tfrecord';
import type { Sample, SampleSchema } from '../samples';
import type { StreamItem } from '../streams';
import { requireNonNegativeInt } from '../options';

export interface SampleRange {
  /** First dataset position (0-based record number over all shards), inclusive. */
  readonly start?: number;
  /** Last dataset position, exclusive. */
  readonly end?: number;
  /** Explicit dataset positions to read, in this order (e.g. a shuffled epoch); excludes start/end. */
  readonly order?: readonly number[];
}

interface LoadedShard {
  readonly entry: ShardEntry;
  readonly index: ShardIndex;
  /** Dataset position of the shard's first record. */
  readonly first: number;
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}

function checkIndex(dir: string, entry: ShardEntry, index: ShardIndex): void {
  const name = shardIndexFileName(entry.file);
  const consistent =
    index.count === entry.count &&
    index.bytes === entry.bytes &&
    index.offsets.length === index.count &&
    index.lengths.length === index.count &&
    index.indices.length === index.count;
  if (!consistent) throw new DatasetError(`${join(dir, name)}: index does not match shard ${entry.file} in ${DATASET_FILE}`);
}

async function loadShard(dir: string, entry: ShardEntry, first: number): Promise<LoadedShard> {
  const size = await sizeOf(join(dir, entry.file));
  if (size === undefined) throw new ShardError(`shard ${entry.file} is missing from ${dir}`);
  if (size < entry.bytes) throw new ShardError(`shard ${entry.file} is truncated: ${size} bytes on disk, its index says ${entry.bytes}`);
  if (size > entry.bytes) throw new ShardError(`shard ${entry.file} has ${size} bytes on disk, its index says ${entry.bytes}`);
  const index = await readShardIndex(dir, entry.file);
  checkIndex(dir, entry, index);
  return { entry, index, first };
}

/** A finished (or partly written) shard set, opened for reading. Call close() when done. */
export class Dataset {
  private readonly randomReaders = new Map<number, Promise<RecordFileReader>>();

  constructor(
    readonly dir: string,
    readonly info: DatasetInfo,
    private readonly shards: readonly LoadedShard[],
  ) {}

  get schema(): SampleSchema {
    return this.info.schema;
  }

  /** Records in the shards (dataset positions are 0..count-1). */
  get count(): number {
    return this.info.count;
  }

  /** The sample at dataset position i (not the stream position; see indexAt). */
  async read(i: number): Promise<Sample> {
    return (await this.item(i)).sample;
  }

  /** The stream position the record at dataset position i was written at. */
  indexAt(i: number): number {
    const { shard, j } = this.locate(i);
    return shard.index.indices[j];
  }

  /** Samples as stream items, over a range of dataset positions or an explicit order. */
  async *samples(range: SampleRange = {}): AsyncGenerator<StreamItem> {
    if (range.order) {
      if (range.start !== undefined || range.end !== undefined) throw new DatasetError('samples: give either order or start/end, not both');
      for (const i of range.order) yield await this.item(i);
      return;
    }
    const start = requireNonNegativeInt('start', range.start ?? 0);
    const end = requireNonNegativeInt('end', range.end ?? this.count);
    if (start > end || end > this.count) throw new DatasetError(`samples: range [${start}, ${end}) is outside [0, ${this.count})`);
    yield* this.sequential(start, end);
  }

  /** Reads every record of every shard, checking both CRCs, the schema and the stored stream positions. */
  async verify(): Promise<void> {
    for (const shard of this.shards) {
      let j = 0;
      for await (const record of readRecords(join(this.dir, shard.entry.file))) {
        this.checkRecord(shard, j, record.offset, record.data);
        j++;
      }
      if (j !== shard.index.count) throw new ShardError(`shard ${shard.entry.file} holds ${j} records, its index says ${shard.index.count}`);
    }
  }

  async close(): Promise<void> {
    const readers = [...this.randomReaders.values()];
    this.randomReaders.clear();
    await Promise.all(readers.map(async (r) => (await r).close()));
  }

  private locate(i: number): { shard: LoadedShard; j: number } {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new RangeError(`dataset position ${i} is outside [0, ${this.count})`);
    let lo = 0;
    let hi = this.shards.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.shards[mid].first <= i) lo = mid;
      else hi = mid - 1;
    }
    return { shard: this.shards[lo], j: i - this.shards[lo].first };
  }

  private async item(i: number): Promise<StreamItem> {
    const { shard, j } = this.locate(i);
    const s = this.shards.indexOf(shard);
    let reader = this.randomReaders.get(s);
    if (!reader) {
      reader = RecordFileReader.open(join(this.dir, shard.entry.file), 0);
      this.randomReaders.set(s, reader);
    }
    const record = await (await reader).readAt(shard.index.offsets[j], j, shard.index.lengths[j]);
    return this.checkRecord(shard, j, record.offset, record.data);
  }

  private async *sequential(start: number, end: number): AsyncGenerator<StreamItem> {
    for (const shard of this.shards) {
      const from = Math.max(start - shard.first, 0);
      const to = Math.min(end - shard.first, shard.index.count);
      if (from >= to) continue;
      const reader = await RecordFileReader.open(join(this.dir, shard.entry.file));
      try {
        for (let j = from; j < to; j++) {
          const record = await reader.readAt(shard.index.offsets[j], j, shard.index.lengths[j]);
          yield this.checkRecord(shard, j, record.offset, record.data);
        }
      } finally {
        await reader.close();
      }
    }
  }

  private checkRecord(shard: LoadedShard, j: number, offset: number, data: Uint8Array): StreamItem {
    const { file } = shard.entry;
    if (shard.index.offsets[j] !== offset || shard.index.lengths[j] !== data.length) {
      throw new ShardError(`shard ${file}: record ${j} at byte ${offset} (${data.length} bytes) does not match its index`);
    }
    const decoded = decodeExample(this.schema, data, `shard ${file} record ${j}`);
    if (decoded.index !== shard.index.indices[j]) {
      throw new ShardError(`shard ${file}: record ${j} holds stream position ${decoded.index}, its index says ${shard.index.indices[j]}`);
    }
    return decoded;
  }
}

/** Opens a shard set; the error names dataset.json's bad field or the missing/truncated shard. */
export async function openDataset(dir: string): Promise<Dataset> {
  const info = await readDatasetInfo(dir);
  const shards: LoadedShard[] = [];
  let first = 0;
  for (const entry of info.shards) {
    shards.push(await loadShard(dir, entry, first));
    first += entry.count;
  }
  if (first !== info.count) throw new DatasetError(`${join(dir, DATASET_FILE)}: count is ${info.count}, its shards hold ${first}`);
  return new Dataset(dir, info, shards);
}

export async function datasetExists(dir: string): Promise<boolean> {
  return (await sizeOf(join(dir, DATASET_FILE))) !== undefined;
}

/** True when dir holds a valid dataset.json that a finished run marked complete. */
export async function isDatasetComplete(dir: string): Promise<boolean> {
  if (!(await datasetExists(dir))) return false;
  return (await readDatasetInfo(dir)).complete;
}
