// TFRecord framing: uint64 LE data length, uint32 masked CRC32C of those 8 bytes, the data,
// uint32 masked CRC32C of the data. Readers verify both CRCs and name the shard, the record and
// the byte offset on any damage, so a bad file is found without guesswork.
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { maskedCrc32c } from './crc32c';

export const RECORD_HEADER_BYTES = 12;
export const RECORD_FOOTER_BYTES = 4;
/** Bytes a record takes on disk besides its data. */
export const RECORD_OVERHEAD = RECORD_HEADER_BYTES + RECORD_FOOTER_BYTES;

const READ_AHEAD = 4 << 20;

export class ShardError extends Error {
  override readonly name = 'ShardError';
}

/** Frames one record's data (copies it once into the frame). */
export function frameRecord(data: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(data.length + RECORD_OVERHEAD);
  frame.writeUInt32LE(data.length >>> 0, 0);
  frame.writeUInt32LE(Math.floor(data.length / 0x100000000), 4);
  frame.writeUInt32LE(maskedCrc32c(frame.subarray(0, 8)), 8);
  frame.set(data, RECORD_HEADER_BYTES);
  frame.writeUInt32LE(maskedCrc32c(data), RECORD_HEADER_BYTES + data.length);
  return frame;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** Where a record sits, for error messages. */
export interface RecordPlace {
  readonly shard: string;
  readonly record: number;
  readonly offset: number;
}

function truncated(p: RecordPlace, needs: number, remain: number): ShardError {
  return new ShardError(`shard ${p.shard} is truncated: record ${p.record} at byte ${p.offset} needs ${needs} bytes, ${remain} remain`);
}

function damaged(p: RecordPlace, what: string, stored: number, computed: number): ShardError {
  return new ShardError(
    `shard ${p.shard} is damaged: record ${p.record} at byte ${p.offset} has a bad ${what} CRC (stored ${hex(stored)}, computed ${hex(computed)})`,
  );
}

/** Checks a record header (12 bytes) and returns the data length it announces. */
export function parseRecordHeader(header: Uint8Array, p: RecordPlace): number {
  const view = Buffer.from(header.buffer, header.byteOffset, RECORD_HEADER_BYTES);
  const stored = view.readUInt32LE(8);
  const computed = maskedCrc32c(view.subarray(0, 8));
  if (stored !== computed) throw damaged(p, 'length', stored, computed);
  const hi = view.readUInt32LE(4);
  if (hi >= 0x200000) throw new ShardError(`shard ${p.shard} is damaged: record ${p.record} at byte ${p.offset} has an impossible length`);
  return hi * 0x100000000 + view.readUInt32LE(0);
}

/** Checks a record's data against the CRC that follows it. */
export function checkRecordData(data: Uint8Array, footer: Uint8Array, p: RecordPlace): void {
  const stored = Buffer.from(footer.buffer, footer.byteOffset, RECORD_FOOTER_BYTES).readUInt32LE(0);
  const computed = maskedCrc32c(data);
  if (stored !== computed) throw damaged(p, 'data', stored, computed);
}

/** One record read back: its data and where the next record starts. */
export interface RecordRead {
  readonly data: Uint8Array;
  readonly offset: number;
  readonly next: number;
}

/** Reads records of one shard file by offset, through a read-ahead window. */
export class RecordFileReader {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  private constructor(
    private readonly fh: FileHandle,
    readonly shard: string,
    readonly size: number,
    private readonly readAhead: number,
  ) {}

  /** `readAhead`: bytes fetched per refill; large for sequential passes, 0 for random access. */
  static async open(file: string, readAhead = READ_AHEAD): Promise<RecordFileReader> {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      return new RecordFileReader(fh, basename(file), size, readAhead);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  /**
   * Reads and verifies record number `record` at `offset`. With the data length known from an index
   * (`lengthHint`), the whole frame comes in one read.
   */
  async readAt(offset: number, record: number, lengthHint?: number): Promise<RecordRead> {
    const p: RecordPlace = { shard: this.shard, record, offset };
    const remain = this.size - offset;
    if (lengthHint !== undefined && remain >= lengthHint + RECORD_OVERHEAD) await this.bytes(offset, lengthHint + RECORD_OVERHEAD);
    if (remain < RECORD_HEADER_BYTES) throw truncated(p, RECORD_HEADER_BYTES, Math.max(remain, 0));
    const header = await this.bytes(offset, RECORD_HEADER_BYTES);
    const length = parseRecordHeader(header, p);
    const needs = length + RECORD_OVERHEAD;
    if (remain < needs) throw truncated(p, needs, remain);
    const body = await this.bytes(offset + RECORD_HEADER_BYTES, length + RECORD_FOOTER_BYTES);
    const data = body.subarray(0, length);
    checkRecordData(data, body.subarray(length), p);
    return { data, offset, next: offset + needs };
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  /** Bytes [at, at + n) of the file; a refill allocates a new window so earlier views stay valid. */
  private async bytes(at: number, n: number): Promise<Buffer> {
    const rel = at - this.windowStart;
    if (rel >= 0 && rel + n <= this.window.length) return this.window.subarray(rel, rel + n);
    const want = Math.min(Math.max(n, this.readAhead), this.size - at);
    const window = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.fh.read(window, got, want - got, at + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got < n) throw truncated({ shard: this.shard, record: -1, offset: at }, n, got);
    this.window = window.subarray(0, got);
    this.windowStart = at;
    return this.window.subarray(0, n);
  }
}

/** Every record of a shard file in order, each verified; stops at the end of the file. */
export async function* readRecords(file: string): AsyncGenerator<RecordRead> {
  const reader = await RecordFileReader.open(file);
  try {
    let offset = 0;
    for (let record = 0; offset < reader.size; record++) {
      const read = await reader.readAt(offset, record);
      yield read;
      offset = read.next;
    }
  } finally {
    await reader.close();
  }
}
