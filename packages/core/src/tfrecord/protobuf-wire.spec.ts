import { WireReader, WireWriter, int64VarintSize, varintSize } from './protobuf-wire';

function encodeVarint(value: number): number[] {
  const buf = new Uint8Array(10);
  const w = new WireWriter(buf);
  w.varint(value);
  return [...buf.subarray(0, w.pos)];
}

function encodeInt64(value: number): number[] {
  const buf = new Uint8Array(10);
  const w = new WireWriter(buf);
  w.int64(value);
  return [...buf.subarray(0, w.pos)];
}

describe('varint', () => {
  it('encodes the protobuf documentation examples', () => {
    expect(encodeVarint(1)).toEqual([0x01]);
    expect(encodeVarint(150)).toEqual([0x96, 0x01]);
    expect(encodeVarint(300)).toEqual([0xac, 0x02]);
  });

  it('sizes and round-trips values up to 2^53', () => {
    for (const v of [0, 127, 128, 16383, 16384, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
      const bytes = encodeVarint(v);
      expect(bytes.length).toBe(varintSize(v));
      const r = new WireReader(Uint8Array.from(bytes));
      r.readVarint();
      expect(r.uint53()).toBe(v);
      expect(r.done).toBe(true);
    }
  });
});

describe('int64 of int32 values', () => {
  it('sign-extends negatives to ten bytes', () => {
    expect(encodeInt64(-1)).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(encodeInt64(-2)).toEqual([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(int64VarintSize(-5)).toBe(10);
  });

  it('round-trips the int32 range', () => {
    for (const v of [0, 1, -1, 300, -300, 2 ** 31 - 1, -(2 ** 31)]) {
      const r = new WireReader(Uint8Array.from(encodeInt64(v)));
      r.readVarint();
      expect(r.int32()).toBe(v);
    }
  });
});

describe('WireReader invalid input', () => {
  it('rejects a varint that runs past the end', () => {
    expect(() => new WireReader(Uint8Array.from([0x80, 0x80])).readVarint()).toThrow(/varint runs past the end/);
  });

  it('rejects a varint longer than 10 bytes', () => {
    expect(() => new WireReader(new Uint8Array(11).fill(0x80)).readVarint()).toThrow(/longer than 10 bytes/);
  });

  it('rejects a length-delimited field longer than the message', () => {
    expect(() => new WireReader(Uint8Array.from([0x05, 1, 2])).readLen()).toThrow(/runs past the end of the message/);
  });

  it('rejects unsupported wire types', () => {
    expect(() => new WireReader(Uint8Array.from([0])).skip(3)).toThrow(/unsupported wire type 3/);
  });
});
