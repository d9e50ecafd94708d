// A command's flags, each declared once in one table (its syntax, its value's schema with any default,
// its help line), from which node's parseArgs options, the zod schema and the help text are generated:
// parseArgs checks the syntax, zod the values, so every bad flag gets a message naming the flag and the
// problem ("train: --steps: must be >= 0").
import { parseArgs } from 'node:util';
import { z } from 'zod';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Flag<S extends z.ZodType = z.ZodType> {
  /** `string` flags take a value (`--steps 4`), `boolean` ones do not (`--live`). */
  readonly type: 'string' | 'boolean';
  /** The value's schema: parses the string (or boolean) and holds the default, if any. */
  readonly schema: S;
  /** The help line; absent for a flag listed by name only. */
  readonly help?: string;
}

export type FlagTable = Readonly<Record<string, Flag>>;

type Shape<T extends FlagTable> = { -readonly [K in keyof T]: T[K]['schema'] };

/** The parsed flags of a table, keyed by flag name. */
export type FlagValues<T extends FlagTable> = z.output<z.ZodObject<Shape<T>, z.core.$strict>>;

/** A rule between flags (checked once each flag's own value is valid); `test` is true when they agree. */
export interface FlagRule<V> {
  readonly test: (values: V) => boolean;
  readonly message: string;
}

export function stringFlag<S extends z.ZodType>(schema: S, help?: string): Flag<S> {
  return { type: 'string', schema, ...(help !== undefined ? { help } : {}) };
}

/** A switch: false unless given. */
export function booleanFlag(help?: string): Flag<z.ZodDefault<z.ZodBoolean>> {
  return { type: 'boolean', schema: z.boolean().default(false), ...(help !== undefined ? { help } : {}) };
}

/** node:util parseArgs's options for the table. */
export function parseArgsOptions(table: FlagTable): Record<string, { type: 'string' | 'boolean' }> {
  return Object.fromEntries(Object.entries(table).map(([name, f]) => [name, { type: f.type }]));
}

/** The zod schema of the whole table: each flag's schema, no unknown flag. */
export function flagSchema<T extends FlagTable>(table: T): z.ZodObject<Shape<T>, z.core.$strict> {
  const shape = Object.fromEntries(Object.entries(table).map(([name, f]) => [name, f.schema])) as Shape<T>;
  return z.object(shape).strict();
}

/** One line a flag, in the table's order: `--name <value>  help`. */
export function flagHelp(table: FlagTable): string {
  return Object.entries(table)
    .map(([name, f]) => `  --${name}${f.type === 'string' ? ' <value>' : ''}${f.help ? `  ${f.help}` : ''}`)
    .join('\n');
}

/** Parses argv against the table and its rules; a problem throws a UsageError naming the command and the flag. */
export function parseFlags<T extends FlagTable>(argv: readonly string[], table: T, command: string, rules: readonly FlagRule<FlagValues<T>>[] = []): FlagValues<T> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: parseArgsOptions(table), strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message}`);
  }
  const schema = rules.reduce((s, rule) => s.refine((v) => rule.test(v as FlagValues<T>), { message: rule.message }), flagSchema(table));
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    // a rule between flags has no path: its message names the flags itself
    const problems = parsed.error.issues.map((i) => (i.path.length > 0 ? `--${i.path.join('.')}: ${i.message}` : i.message));
    throw new UsageError(`${command}: ${problems.join('; ')}`);
  }
  return parsed.data as FlagValues<T>;
}
