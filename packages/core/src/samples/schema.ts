// Every stream declares the shape and dtype of each field it emits; the trainer checks the whole
// chain against the model before the first batch, and shards store the schema beside the data.
import type { FieldDType } from '@mtssl/contracts';
import { TaskName } from './task';

// The dtypes are part of the sample contract (@mtssl/contracts); core keeps exporting the name.
export type { FieldDType };

export interface FieldSpec {
  readonly name: string;
  readonly dtype: FieldDType;
  /** Fixed shape; every sample of the stream has exactly this shape. */
  readonly shape: readonly number[];
  readonly description?: string;
}

export interface SampleSchema {
  readonly task: TaskName;
  /** Bumped when the meaning of a field changes, so old shards are not misread. */
  readonly version: number;
  readonly fields: readonly FieldSpec[];
  /** Free-form facts a consumer needs (e.g. `harmonized`, `numBins`), stored with the shards. */
  readonly attributes?: Readonly<Record<string, string | number | boolean>>;
}

export type FieldArray = Uint8Array | Int32Array | Float32Array;
export type Sample = Record<string, FieldArray>;

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function arrayForDType(dtype: FieldDType, length: number): FieldArray {
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'float32':
      return new Float32Array(length);
  }
}

/**
 * The dtype of a typed array by its type tag, not `instanceof`: arrays that cross a worker or VM
 * boundary (Piscina results under Jest) come from another realm and fail `instanceof`.
 */
export function dtypeOf(array: ArrayBufferView): FieldDType | undefined {
  switch (Object.prototype.toString.call(array)) {
    case '[object Uint8Array]':
      return 'uint8';
    case '[object Int32Array]':
      return 'int32';
    case '[object Float32Array]':
      return 'float32';
    default:
      return undefined;
  }
}

/** Throws with the field name and the mismatch when a sample does not match its schema. */
export function checkSample(schema: SampleSchema, sample: Sample, where = schema.task): void {
  for (const field of schema.fields) {
    const value = sample[field.name];
    if (value === undefined) throw new Error(`${where}: sample has no field "${field.name}"`);
    const dtype = dtypeOf(value) ?? Object.prototype.toString.call(value).slice(8, -1);
    if (dtype !== field.dtype) {
      throw new Error(`${where}: field "${field.name}" is ${dtype}, schema says ${field.dtype}`);
    }
    const expected = elementCount(field.shape);
    if (value.length !== expected) {
      throw new Error(
        `${where}: field "${field.name}" has ${value.length} elements, schema shape [${field.shape.join(', ')}] needs ${expected}`,
      );
    }
  }
}

export function findField(schema: SampleSchema, name: string): FieldSpec {
  const field = schema.fields.find((f) => f.name === name);
  if (!field) throw new Error(`${schema.task}: schema has no field "${name}" (has ${schema.fields.map((f) => f.name).join(', ')})`);
  return field;
}
