// Boundary validation for the engine's options, with the message formats of @mtssl/core's validators
// (e.g. `threads must be a positive integer, got 0`), kept here so a tfjs user pulls in no @mtssl package.

/** A bad option; named 'OptionError' like @mtssl/core's, so a check by name treats both alike. */
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
