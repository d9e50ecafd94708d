// The checks the tasks' schema checks are built from, and the error they all throw: each message
// names the task, the field and what the trainer needs.
import type { SampleField, SampleFieldName } from '@mtssl/contracts';
import { FieldSpec, SampleSchema, TaskName, findField } from '@mtssl/core';

export class SchemaMismatchError extends Error {
  override readonly name = 'SchemaMismatchError';
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/**
 * The field's shape, after checking that it exists with this dtype and rank. Name, dtype and rank are typed
 * by the task's sample contract (@mtssl/contracts), so the trainer cannot ask for what no stream emits.
 */
export function field<T extends TaskName, N extends SampleFieldName<T>>(
  task: T,
  schema: SampleSchema,
  name: N,
  dtype: SampleField<T, N>['dtype'],
  rank: SampleField<T, N>['shape']['length'],
): readonly number[] {
  let spec: FieldSpec;
  try {
    spec = findField(schema, name);
  } catch (error) {
    throw new SchemaMismatchError(error instanceof Error ? error.message : String(error));
  }
  if (spec.dtype !== dtype) throw new SchemaMismatchError(`${task}: ${name} is ${spec.dtype} but the trainer needs ${dtype}`);
  if (spec.shape.length !== rank) throw new SchemaMismatchError(`${task}: ${name} is ${shapeText(spec.shape)} but the trainer needs rank ${rank}`);
  return spec.shape;
}

export function expect(task: TaskName, ok: boolean, message: string): void {
  if (!ok) throw new SchemaMismatchError(`${task}: ${message}`);
}

export function checkImage(task: TaskName, name: string, shape: readonly number[], channelsAt: number): void {
  const c = shape[channelsAt] as number;
  expect(task, c === 1 || c === 3, `${name} is ${shapeText(shape)}; images need 1 or 3 channels`);
}

/** A stated attribute must agree with the fields; an absent one is not required. */
export function checkAttribute(task: TaskName, schema: SampleSchema, key: string, actual: number): void {
  const stated = schema.attributes?.[key];
  if (stated !== undefined) expect(task, stated === actual, `attribute ${key} is ${String(stated)} but the fields say ${actual}`);
}
