// A CLI command: its flag table, the help generated from it, and the mapping of the parsed flags to one
// pipeline call.
import { FlagRule, FlagTable, FlagValues, flagHelp, parseFlags } from './flags';

export interface Command {
  readonly summary: string;
  readonly help: string;
  run(argv: readonly string[], signal: AbortSignal, log: (line: string) => void): Promise<void>;
}

export interface CommandSpec<T extends FlagTable> {
  readonly name: string;
  /** One line for `mtssl --help`. */
  readonly summary: string;
  /** The help's first line (`mtssl train [options]`). */
  readonly usage: string;
  readonly flags: T;
  readonly rules?: readonly FlagRule<FlagValues<T>>[];
  run(flags: FlagValues<T>, signal: AbortSignal, log: (line: string) => void): Promise<unknown>;
}

/** A command that can also just parse its argv (for tests, and for callers that want the values). */
export interface FlagCommand<T extends FlagTable> extends Command {
  readonly flags: T;
  parse(argv: readonly string[]): FlagValues<T>;
}

export function defineCommand<T extends FlagTable>(spec: CommandSpec<T>): FlagCommand<T> {
  const parse = (argv: readonly string[]) => parseFlags(argv, spec.flags, spec.name, spec.rules);
  return {
    summary: spec.summary,
    help: `${spec.usage}\n\n${flagHelp(spec.flags)}`,
    flags: spec.flags,
    parse,
    async run(argv, signal, log) {
      await spec.run(parse(argv), signal, log);
    },
  };
}
