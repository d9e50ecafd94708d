// Boundary validation for option objects. Messages follow one pattern, e.g.
// `patchSize must be a positive integer, got -3`, so a user can fix the call at once.

export class OptionError extends Error {
  override readonly name = 'OptionError';
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return String(value);
}

export function requirePositiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new OptionError(`${name} must be a positive integer, got ${show(value)}`);
  }
  return value;
}

export function requireNonNegativeInt(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new OptionError(`${name} must be a non-negative integer, got ${show(value)}`);
  }
  return value;
}

export function requireNumberInRange(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new OptionError(`${name} must be a number in [${min}, ${max}], got ${show(value)}`);
  }
  return value;
}

export function requireIntInRange(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new OptionError(`${name} must be an integer in [${min}, ${max}], got ${show(value)}`);
  }
  return value;
}

export function requireOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new OptionError(`${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

export function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new OptionError(`${name} must be a boolean, got ${show(value)}`);
  return value;
}

/** Rejects keys a caller misspelled instead of silently ignoring them. */
export function rejectUnknownKeys(what: string, given: object, known: readonly string[]): void {
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      throw new OptionError(`${what}: unknown option ${JSON.stringify(key)} (known: ${known.join(', ')})`);
    }
  }
}
