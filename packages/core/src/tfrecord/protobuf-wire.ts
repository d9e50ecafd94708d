// The small slice of the protobuf wire format tf.Example needs: varints, length-delimited fields,
// packed fixed32. Hand-written so core needs no protobuf runtime and can write straight into one buffer.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Bytes a non-negative integer (< 2^53) takes as a varint. */
export function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

/** Bytes an int32 takes as an int64 varint: negatives are sign-extended to 64 bits, so always 10. */
export function int64VarintSize(value: number): number {
  return value < 0 ? 10 : varintSize(value);
}

export function tagSize(field: number): number {
  return varintSize(field << 3);
}

/** Size of a length-delimited field (tag + length + payload). */
export function lenFieldSize(field: number, payload: number): number {
  return tagSize(field) + varintSize(payload) + payload;
}

/** Writes into a buffer sized in advance, so encoding never reallocates or copies twice. */
export class WireWriter {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  varint(value: number): void {
    while (value >= 0x80) {
      this.buf[this.pos++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buf[this.pos++] = value;
  }

  /** An int32 as protobuf int64: negative values become 10-byte two's-complement varints. */
  int64(value: number): void {
    if (value >= 0) return this.varint(value);
    let lo = value >>> 0;
    for (let i = 0; i < 4; i++) {
      this.buf[this.pos++] = (lo & 0x7f) | 0x80;
      lo >>>= 7;
    }
    // 4 bits of lo remain; the high 32 bits are all ones
    this.buf[this.pos++] = (lo & 0x0f) | 0x70 | 0x80;
    for (let i = 0; i < 4; i++) this.buf[this.pos++] = 0xff;
    this.buf[this.pos++] = 0x01;
  }

  tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  lenHeader(field: number, length: number): void {
    this.tag(field, WIRE_LEN);
    this.varint(length);
  }

  bytes(data: Uint8Array): void {
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  floats(values: Float32Array): void {
    if (LITTLE_ENDIAN) {
      this.bytes(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
      return;
    }
    const view = new DataView(this.buf.buffer, this.buf.byteOffset);
    for (const v of values) {
      view.setFloat32(this.pos, v, true);
      this.pos += 4;
    }
  }
}

export class WireError extends Error {
  override readonly name = 'WireError';
}

/** Reads protobuf fields from [pos, end) of a buffer. The last varint is left in `lo`/`hi`. */
export class WireReader {
  lo = 0;
  hi = 0;
  constructor(
    readonly buf: Uint8Array,
    public pos = 0,
    public end = buf.length,
  ) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads a varint into lo/hi (low and high 32 bits). */
  readVarint(): void {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new WireError(`varint runs past the end of the message at byte ${this.pos}`);
      const b = this.buf[this.pos++];
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else if (shift < 64) hi |= (b & 0x7f) << (shift - 32);
      else throw new WireError(`varint longer than 10 bytes at byte ${this.pos}`);
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** The last varint as a non-negative integer; throws above 2^53. */
  uint53(): number {
    if (this.hi >= 0x200000) throw new WireError(`varint ${this.hi}*2^32+${this.lo} is too large for a JS number`);
    return this.hi * 0x100000000 + this.lo;
  }

  /** The last varint as int64 truncated to int32 (how int32 values round-trip through int64). */
  int32(): number {
    return this.lo | 0;
  }

  /** Reads a tag; returns [field, wireType]. */
  readTag(): [number, number] {
    this.readVarint();
    const tag = this.uint53();
    return [Math.floor(tag / 8), tag & 7];
  }

  /** Reads a length prefix and returns the payload's [start, end), moving past it. */
  readLen(): [number, number] {
    this.readVarint();
    const length = this.uint53();
    const start = this.pos;
    if (start + length > this.end) {
      throw new WireError(`field of ${length} bytes at byte ${start} runs past the end of the message (${this.end})`);
    }
    this.pos = start + length;
    return [start, start + length];
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        return this.readVarint();
      case WIRE_FIXED64:
        return this.advance(8);
      case WIRE_LEN:
        this.readLen();
        return;
      case WIRE_FIXED32:
        return this.advance(4);
      default:
        throw new WireError(`unsupported wire type ${wireType} at byte ${this.pos}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new WireError(`fixed field runs past the end of the message at byte ${this.pos}`);
    this.pos += n;
  }
}

/** Copies little-endian float32s from [start, end) of `buf` into `out` at `at`. */
export function readFloats(buf: Uint8Array, start: number, end: number, out: Float32Array, at: number): void {
  const n = (end - start) / 4;
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer, out.byteOffset + at * 4, n * 4).set(buf.subarray(start, end));
    return;
  }
  const view = new DataView(buf.buffer, buf.byteOffset);
  for (let i = 0; i < n; i++) out[at + i] = view.getFloat32(start + 4 * i, true);
}
