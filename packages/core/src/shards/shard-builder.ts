// One shard being written: frames go to a temp file (batched into ~1 MB writes) and the shard
// appears under its name, with its index beside it, only when it is complete.
import { join } from 'node:path';
import { AtomicFile, writeFileAtomic } from './atomic-write';
import { shardIndexFileName, type ShardEntry, type ShardIndex } from './dataset-format';
import { RECORD_OVERHEAD } from '../tfrecord';

const FLUSH_BYTES = 1 << 20;

export class ShardBuilder {
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private readonly indices: number[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private bytes = 0;

  private constructor(
    private readonly dir: string,
    readonly file: string,
    private readonly out: AtomicFile,
  ) {}

  static async create(dir: string, file: string): Promise<ShardBuilder> {
    return new ShardBuilder(dir, file, await AtomicFile.create(join(dir, file)));
  }

  get count(): number {
    return this.indices.length;
  }

  /** Appends one framed record whose data is `frame.length - 16` bytes, written at stream position `index`. */
  async add(frame: Buffer, index: number): Promise<void> {
    this.offsets.push(this.bytes);
    this.lengths.push(frame.length - RECORD_OVERHEAD);
    this.indices.push(index);
    this.bytes += frame.length;
    this.pending.push(frame);
    this.pendingBytes += frame.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  /** Makes the shard and its index visible; returns its dataset.json entry. */
  async commit(): Promise<ShardEntry> {
    await this.flush();
    await this.out.commit();
    const index: ShardIndex = {
      count: this.count,
      offsets: this.offsets,
      lengths: this.lengths,
      indices: this.indices,
      bytes: this.bytes,
      firstIndex: this.indices[0],
      lastIndex: this.indices[this.count - 1],
    };
    await writeFileAtomic(join(this.dir, shardIndexFileName(this.file)), JSON.stringify(index));
    return { file: this.file, count: index.count, bytes: index.bytes, firstIndex: index.firstIndex, lastIndex: index.lastIndex };
  }

  async abort(): Promise<void> {
    this.pending = [];
    await this.out.abort();
  }

  private async flush(): Promise<void> {
    if (!this.pending.length) return;
    const chunk = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.out.write(chunk);
  }
}
