import type { SampleSchema } from '../samples';
import { INDEX_FEATURE, decodeExample, encodeExample } from './tf-example';
import { SHARD_TEST_SCHEMA, testSample } from '../testing/shard-fixtures';

const TINY: SampleSchema = {
  task: 'exemplar',
  version: 1,
  fields: [
    { name: 'a', dtype: 'uint8', shape: [2] },
    { name: 'f', dtype: 'float32', shape: [1] },
    { name: 'i', dtype: 'int32', shape: [2] },
  ],
};

const ascii = (s: string): number[] => [...Buffer.from(s, 'ascii')];

// Built by hand from the proto definitions, so the wire format is pinned independently of the encoder.
const TINY_BYTES = [
  0x0a, 0x45, // Example.features, 69 bytes
  0x0a, 0x0b, 0x0a, 0x01, ...ascii('a'), 0x12, 0x06, 0x0a, 0x04, 0x0a, 0x02, 0x01, 0x02, // "a": bytes_list [0x01 0x02]
  0x0a, 0x0d, 0x0a, 0x01, ...ascii('f'), 0x12, 0x08, 0x12, 0x06, 0x0a, 0x04, 0x00, 0x00, 0x80, 0x3f, // "f": float_list [1.0]
  0x0a, 0x15, 0x0a, 0x01, ...ascii('i'), 0x12, 0x10, 0x1a, 0x0e, 0x0a, 0x0c, // "i": int64_list, packed 12 bytes
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0xac, 0x02, // -1, 300
  0x0a, 0x10, 0x0a, 0x07, ...ascii(INDEX_FEATURE), 0x12, 0x05, 0x1a, 0x03, 0x0a, 0x01, 0x03, // "__index": int64_list [3]
];

const tinySample = () => ({ a: Uint8Array.from([1, 2]), f: Float32Array.from([1]), i: Int32Array.from([-1, 300]) });

describe('encodeExample', () => {
  it('writes the hand-built tf.Example bytes', () => {
    expect([...encodeExample(TINY, tinySample(), 3)]).toEqual(TINY_BYTES);
  });

  it('decodes the hand-built bytes', () => {
    const decoded = decodeExample(TINY, Uint8Array.from(TINY_BYTES));
    expect(decoded.index).toBe(3);
    expect(decoded.sample).toEqual(tinySample());
  });

  it('round-trips all three dtypes and large stream positions', () => {
    for (const k of [0, 1, 77, 2 ** 40]) {
      const sample = testSample(k % 1000);
      const decoded = decodeExample(SHARD_TEST_SCHEMA, encodeExample(SHARD_TEST_SCHEMA, sample, k));
      expect(decoded.index).toBe(k);
      expect(decoded.sample).toEqual(sample);
      expect(decoded.sample.input).toBeInstanceOf(Uint8Array);
      expect(decoded.sample.ab_bins).toBeInstanceOf(Int32Array);
      expect(decoded.sample.ab_weights).toBeInstanceOf(Float32Array);
    }
  });

  it('also reads unpacked repeated values, which protobuf parsers must accept', () => {
    const unpacked = [
      0x0a, 0x21,
      0x0a, 0x0d, 0x0a, 0x01, ...ascii('x'), 0x12, 0x08, 0x1a, 0x06, 0x08, 0x05, 0x08, 0x07, 0x08, 0x09, // "x": 5, 7, 9
      0x0a, 0x10, 0x0a, 0x07, ...ascii(INDEX_FEATURE), 0x12, 0x05, 0x1a, 0x03, 0x0a, 0x01, 0x00,
    ];
    const schema: SampleSchema = { task: 'exemplar', version: 1, fields: [{ name: 'x', dtype: 'int32', shape: [3] }] };
    expect(decodeExample(schema, Uint8Array.from(unpacked)).sample.x).toEqual(Int32Array.from([5, 7, 9]));
  });
});

describe('decodeExample checks the schema', () => {
  const bytes = Uint8Array.from(TINY_BYTES);

  it('names a field whose dtype differs', () => {
    const schema: SampleSchema = { ...TINY, fields: [{ name: 'f', dtype: 'int32', shape: [1] }] };
    expect(() => decodeExample(schema, bytes, 'shard x')).toThrow('shard x: field "f" is a float_list, schema dtype int32 needs int64_list');
  });

  it('names a field whose element count differs', () => {
    const schema: SampleSchema = { ...TINY, fields: [{ name: 'i', dtype: 'int32', shape: [3] }] };
    expect(() => decodeExample(schema, bytes)).toThrow('field "i" has 2 elements, schema shape [3] needs 3');
    const bytesSchema: SampleSchema = { ...TINY, fields: [{ name: 'a', dtype: 'uint8', shape: [2, 2] }] };
    expect(() => decodeExample(bytesSchema, bytes)).toThrow('field "a" has 2 elements, schema shape [2, 2] needs 4');
  });

  it('names a missing field', () => {
    const schema: SampleSchema = { ...TINY, fields: [{ name: 'zz', dtype: 'uint8', shape: [1] }] };
    expect(() => decodeExample(schema, bytes)).toThrow('field "zz" is missing from the record');
  });

  it('rejects a record without a stream position', () => {
    const noIndex = Uint8Array.from([0x0a, 0x0d, 0x0a, 0x0b, ...TINY_BYTES.slice(4, 15)]);
    const schema: SampleSchema = { ...TINY, fields: [TINY.fields[0]] };
    expect(() => decodeExample(schema, noIndex)).toThrow(`record has no int64 "${INDEX_FEATURE}" feature`);
  });

  it('rejects a truncated message', () => {
    expect(() => decodeExample(TINY, bytes.subarray(0, 30))).toThrow(/runs past the end/);
  });
});

describe('encodeExample invalid parameters', () => {
  it('rejects samples that do not match the schema, naming the field', () => {
    expect(() => encodeExample(TINY, { ...tinySample(), f: Float32Array.from([1, 2]) }, 0)).toThrow('field "f" has 2 elements');
    expect(() => encodeExample(TINY, { ...tinySample(), i: Float32Array.from([1, 2]) }, 0)).toThrow('field "i" is float32, schema says int32');
    expect(() => encodeExample(TINY, { a: Uint8Array.from([1, 2]) }, 0)).toThrow('sample has no field "f"');
  });

  it('rejects bad stream positions', () => {
    expect(() => encodeExample(TINY, tinySample(), -1)).toThrow('stream index must be a non-negative integer, got -1');
    expect(() => encodeExample(TINY, tinySample(), 1.5)).toThrow('got 1.5');
  });
});
