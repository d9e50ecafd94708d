// tf.train.Example encoding of one sample, following its SampleSchema:
//   Example { Features features = 1 }   Features { map<string, Feature> feature = 1 }
//   Feature { oneof kind { BytesList bytes_list = 1; FloatList float_list = 2; Int64List int64_list = 3 } }
// uint8 fields are one raw bytes value (row-major), float32 a packed float_list, int32 a packed
// int64_list. Every record also carries its stream position as int64 feature "__index".
import {
  WIRE_LEN,
  WireReader,
  WireWriter,
  int64VarintSize,
  lenFieldSize,
  readFloats,
  varintSize,
} from './protobuf-wire';
import { FieldArray, FieldDType, FieldSpec, Sample, SampleSchema, arrayForDType, checkSample, elementCount } from '../samples';

export const INDEX_FEATURE = '__index';

const KIND_BYTES = 1;
const KIND_FLOAT = 2;
const KIND_INT64 = 3;

const KIND_OF: Record<FieldDType, number> = { uint8: KIND_BYTES, float32: KIND_FLOAT, int32: KIND_INT64 };
const KIND_NAME = ['', 'bytes_list', 'float_list', 'int64_list'];

interface PlannedFeature {
  readonly key: Uint8Array;
  readonly kind: number;
  readonly values: FieldArray | Int32Array;
  /** Size of the packed payload (bytes value, floats or varints). */
  readonly payload: number;
  /** Size of the XxxList message. */
  readonly list: number;
  /** Size of the Feature message. */
  readonly feature: number;
  /** Size of the map entry message. */
  readonly entry: number;
}

function int64PayloadSize(values: ArrayLike<number>): number {
  let size = 0;
  for (let i = 0; i < values.length; i++) size += int64VarintSize(values[i]);
  return size;
}

function planFeature(name: string, kind: number, values: FieldArray, index?: number): PlannedFeature {
  const key = Buffer.from(name, 'utf8');
  let payload: number;
  if (kind === KIND_BYTES) payload = values.length;
  else if (kind === KIND_FLOAT) payload = values.length * 4;
  else payload = index === undefined ? int64PayloadSize(values) : varintSize(index);
  // bytes_list always holds one value, even an empty one; an empty packed list is omitted, as protobuf does
  const list = kind === KIND_BYTES || payload > 0 ? lenFieldSize(1, payload) : 0;
  const feature = lenFieldSize(kind, list);
  const entry = lenFieldSize(1, key.length) + lenFieldSize(2, feature);
  return { key, kind, values, payload, list, feature, entry };
}

function writeFeature(w: WireWriter, f: PlannedFeature, index?: number): void {
  w.lenHeader(1, f.entry);
  w.lenHeader(1, f.key.length);
  w.bytes(f.key);
  w.lenHeader(2, f.feature);
  w.lenHeader(f.kind, f.list);
  if (f.list === 0) return;
  w.lenHeader(1, f.payload);
  if (index !== undefined) w.varint(index);
  else if (f.kind === KIND_BYTES) w.bytes(f.values as Uint8Array);
  else if (f.kind === KIND_FLOAT) w.floats(f.values as Float32Array);
  else for (const v of f.values) w.int64(v);
}

/** Serializes one sample (checked against the schema) and its stream position as a tf.Example. */
export function encodeExample(schema: SampleSchema, sample: Sample, index: number): Uint8Array {
  checkSample(schema, sample);
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`stream index must be a non-negative integer, got ${index}`);
  const planned = schema.fields.map((f) => planFeature(f.name, KIND_OF[f.dtype], sample[f.name]));
  const indexFeature = planFeature(INDEX_FEATURE, KIND_INT64, new Int32Array(0), index);
  const all = [...planned, indexFeature];
  const features = all.reduce((n, f) => n + lenFieldSize(1, f.entry), 0);
  const w = new WireWriter(Buffer.allocUnsafe(lenFieldSize(1, features)));
  w.lenHeader(1, features);
  planned.forEach((f) => writeFeature(w, f));
  writeFeature(w, indexFeature, index);
  if (w.pos !== w.buf.length) throw new Error(`internal: tf.Example size ${w.pos} != planned ${w.buf.length}`);
  return w.buf;
}

/** A decoded record: the sample and the stream position it was written at. */
export interface DecodedExample {
  readonly index: number;
  readonly sample: Sample;
}

interface RawFeature {
  readonly kind: number;
  /** Payload ranges of the list's value fields (several when a list is not packed). */
  readonly ranges: Array<[number, number, number]>;
}

/** Collects the value fields of a XxxList message as [wireType, start, end]. */
function readList(r: WireReader, start: number, end: number): Array<[number, number, number]> {
  const list = new WireReader(r.buf, start, end);
  const ranges: Array<[number, number, number]> = [];
  while (!list.done) {
    const [field, wire] = list.readTag();
    const from = list.pos;
    if (field !== 1) {
      list.skip(wire);
      continue;
    }
    if (wire === WIRE_LEN) {
      const [s, e] = list.readLen();
      ranges.push([WIRE_LEN, s, e]);
    } else {
      list.skip(wire);
      ranges.push([wire, from, list.pos]);
    }
  }
  return ranges;
}

function readFeature(buf: Uint8Array, start: number, end: number): RawFeature {
  const r = new WireReader(buf, start, end);
  let found: RawFeature = { kind: 0, ranges: [] };
  while (!r.done) {
    const [field, wire] = r.readTag();
    if (wire !== WIRE_LEN || field < 1 || field > 3) {
      r.skip(wire);
      continue;
    }
    const [s, e] = r.readLen();
    found = { kind: field, ranges: readList(r, s, e) };
  }
  return found;
}

function readEntry(buf: Uint8Array, start: number, end: number): [string, RawFeature] {
  const r = new WireReader(buf, start, end);
  let key = '';
  let feature: RawFeature = { kind: 0, ranges: [] };
  while (!r.done) {
    const [field, wire] = r.readTag();
    if (wire !== WIRE_LEN || (field !== 1 && field !== 2)) {
      r.skip(wire);
      continue;
    }
    const [s, e] = r.readLen();
    if (field === 1) key = Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('utf8');
    else feature = readFeature(buf, s, e);
  }
  return [key, feature];
}

/** Parses an Example into its raw feature map (payload ranges into `buf`). */
function readFeatures(buf: Uint8Array): Map<string, RawFeature> {
  const out = new Map<string, RawFeature>();
  const r = new WireReader(buf);
  while (!r.done) {
    const [field, wire] = r.readTag();
    if (field !== 1 || wire !== WIRE_LEN) {
      r.skip(wire);
      continue;
    }
    const [s, e] = r.readLen();
    const features = new WireReader(buf, s, e);
    while (!features.done) {
      const [ff, fw] = features.readTag();
      if (ff !== 1 || fw !== WIRE_LEN) {
        features.skip(fw);
        continue;
      }
      const [es, ee] = features.readLen();
      const [key, feature] = readEntry(buf, es, ee);
      out.set(key, feature);
    }
  }
  return out;
}

function decodeBytes(buf: Uint8Array, f: RawFeature, what: string): Uint8Array {
  if (f.ranges.length !== 1) throw new Error(`${what}: bytes_list has ${f.ranges.length} values, expected 1`);
  const [, s, e] = f.ranges[0];
  return new Uint8Array(buf.subarray(s, e)); // a plain copy, independent of the record buffer
}

function countValues(buf: Uint8Array, f: RawFeature): number {
  let n = 0;
  for (const [wire, s, e] of f.ranges) {
    if (f.kind === KIND_FLOAT) n += wire === WIRE_LEN ? (e - s) / 4 : 1;
    else if (wire !== WIRE_LEN) n += 1;
    else for (let i = s; i < e; i++) if ((buf[i] & 0x80) === 0) n++;
  }
  return n;
}

function decodeFloats(buf: Uint8Array, f: RawFeature, n: number): Float32Array {
  const out = new Float32Array(n);
  let at = 0;
  // an unpacked value's range spans its 4 bytes, a packed one's the whole run
  for (const [, s, e] of f.ranges) {
    readFloats(buf, s, e, out, at);
    at += (e - s) / 4;
  }
  return out;
}

function decodeInts(buf: Uint8Array, f: RawFeature, n: number): Int32Array {
  const out = new Int32Array(n);
  let at = 0;
  // an unpacked value's range spans just its varint, so one loop reads both forms
  for (const [, s, e] of f.ranges) {
    const r = new WireReader(buf, s, e);
    while (!r.done) {
      r.readVarint();
      out[at++] = r.int32();
    }
  }
  return out;
}

function decodeField(buf: Uint8Array, spec: FieldSpec, f: RawFeature | undefined, where: string): FieldArray {
  const what = `${where}: field "${spec.name}"`;
  if (!f) throw new Error(`${what} is missing from the record`);
  const kind = KIND_OF[spec.dtype];
  if (f.kind !== kind) {
    throw new Error(`${what} is a ${KIND_NAME[f.kind] || 'empty feature'}, schema dtype ${spec.dtype} needs ${KIND_NAME[kind]}`);
  }
  const expected = elementCount(spec.shape);
  if (kind === KIND_BYTES) {
    const bytes = decodeBytes(buf, f, what);
    if (bytes.length !== expected) {
      throw new Error(`${what} has ${bytes.length} elements, schema shape [${spec.shape.join(', ')}] needs ${expected}`);
    }
    return bytes;
  }
  const n = countValues(buf, f);
  if (n !== expected) throw new Error(`${what} has ${n} elements, schema shape [${spec.shape.join(', ')}] needs ${expected}`);
  if (n === 0) return arrayForDType(spec.dtype, 0);
  return kind === KIND_FLOAT ? decodeFloats(buf, f, n) : decodeInts(buf, f, n);
}

function decodeIndex(buf: Uint8Array, f: RawFeature | undefined, where: string): number {
  if (!f || f.kind !== KIND_INT64 || f.ranges.length !== 1) throw new Error(`${where}: record has no int64 "${INDEX_FEATURE}" feature`);
  const [, s, e] = f.ranges[0];
  const r = new WireReader(buf, s, e);
  r.readVarint();
  return r.uint53();
}

/** Parses a tf.Example written by encodeExample, checking every field against the schema. */
export function decodeExample(schema: SampleSchema, data: Uint8Array, where: string = schema.task): DecodedExample {
  const features = readFeatures(data);
  const sample: Sample = {};
  for (const spec of schema.fields) sample[spec.name] = decodeField(data, spec, features.get(spec.name), where);
  return { index: decodeIndex(data, features.get(INDEX_FEATURE), where), sample };
}
