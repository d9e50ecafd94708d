// Says how two sample schemas differ, so a resumed run with changed options fails with the reason.
import type { FieldSpec, SampleSchema } from './schema';

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function fieldDifference(given: FieldSpec, stored: FieldSpec): string | undefined {
  const where = `field "${given.name}"`;
  if (given.dtype !== stored.dtype) return `${where} dtype ${given.dtype} != stored ${stored.dtype}`;
  if (shapeText(given.shape) !== shapeText(stored.shape)) {
    return `${where} shape ${shapeText(given.shape)} != stored ${shapeText(stored.shape)}`;
  }
  return undefined;
}

function attributesDifference(given: SampleSchema['attributes'], stored: SampleSchema['attributes']): string | undefined {
  const a = given ?? {};
  const b = stored ?? {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[key] !== b[key]) return `attribute "${key}" ${JSON.stringify(a[key])} != stored ${JSON.stringify(b[key])}`;
  }
  return undefined;
}

/** The first difference between a given schema and a stored one, or undefined when they are equal. */
export function schemaDifference(given: SampleSchema, stored: SampleSchema): string | undefined {
  if (given.task !== stored.task) return `task "${given.task}" != stored "${stored.task}"`;
  if (given.version !== stored.version) return `version ${given.version} != stored ${stored.version}`;
  const names = given.fields.map((f) => f.name).join(', ');
  const storedNames = stored.fields.map((f) => f.name).join(', ');
  if (names !== storedNames) return `fields [${names}] != stored [${storedNames}]`;
  for (let i = 0; i < given.fields.length; i++) {
    const diff = fieldDifference(given.fields[i], stored.fields[i]);
    if (diff) return diff;
  }
  return attributesDifference(given.attributes, stored.attributes);
}
