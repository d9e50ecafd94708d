// Helpers the pipeline's option resolvers share: merging over a frozen defaults object, and the checks
// core's validators do not cover, in core's message format (`name must be ..., got ...`).
import { isTaskName, OptionError, rejectUnknownKeys, requireBoolean, requireNonNegativeInt, requireOneOf, requirePositiveInt, TaskName, TASKS } from '@mtssl/core';
import { BACKEND_PREFERENCES, MAX_WASM_THREADS } from '@mtssl/tfjs-wasm-training';

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? `[${value.map(show).join(', ')}]` : String(value);
}

/**
 * The defaults overlaid with every option the caller gave a value; an option given as `undefined` keeps
 * its default, and an unknown key is rejected by name (a misspelling is not silently ignored).
 */
export function withDefaults<T extends object>(what: string, defaults: Readonly<T>, given: Readonly<Partial<T>>, required: readonly string[] = []): T {
  rejectUnknownKeys(what, given, [...required, ...Object.keys(defaults)]);
  const set = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return { ...defaults, ...set } as T;
}

export function requireText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new OptionError(`${name} must be a non-empty string, got ${show(value)}`);
  return value;
}

export function optionalText(name: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireText(name, value);
}

export function optionalPositiveInt(name: string, value: unknown): number | undefined {
  return value === undefined ? undefined : requirePositiveInt(name, value);
}

export function optionalNonNegativeInt(name: string, value: unknown): number | undefined {
  return value === undefined ? undefined : requireNonNegativeInt(name, value);
}

/** A non-empty list of task names, each known. */
export function optionalTasks(name: string, value: unknown): readonly TaskName[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every((t) => typeof t === 'string' && isTaskName(t))) {
    throw new OptionError(`${name} must be a non-empty list of ${TASKS.join(', ')}, got ${show(value)}`);
  }
  return value as TaskName[];
}

/** `auto` or a whole number in [min, max]. */
export function requireAutoOrInt(name: string, value: unknown, min: number, max: number): 'auto' | number {
  if (value === 'auto') return value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new OptionError(`${name} must be "auto" or an integer in [${min}, ${max}], got ${show(value)}`);
  }
  return value;
}

/** An image side: a whole number of at least 8 pixels, or undefined for the preset's. */
export function optionalInputSize(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 8) throw new OptionError(`${name} must be an integer >= 8, got ${show(value)}`);
  return value;
}

/** The engine choice the jobs that run a network share: backend, wasm compute threads, Winograd. */
export function checkEngineChoice(o: { readonly backend: unknown; readonly wasmThreads: unknown; readonly winograd: unknown }): void {
  requireOneOf('backend', o.backend, BACKEND_PREFERENCES);
  requireAutoOrInt('wasmThreads', o.wasmThreads, 1, MAX_WASM_THREADS);
  requireBoolean('winograd', o.winograd);
}
