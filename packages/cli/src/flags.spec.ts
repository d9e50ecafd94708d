// The flag-table generator: one table gives parseArgs its options, zod its schema and the help its lines.
import { z } from 'zod';
import { BENCH_COMMAND } from './bench-command';
import { EVAL_COMMAND } from './eval-command';
import { EXPERIMENT_COMMAND } from './experiment-command';
import { EXPORT_COMMAND } from './export-command';
import { intFlag } from './flag-schemas';
import { booleanFlag, flagHelp, flagSchema, parseArgsOptions, parseFlags, stringFlag, UsageError } from './flags';
import { MANIFEST_COMMAND } from './manifest-command';
import { PREPROCESS_COMMAND } from './preprocess-command';
import { TRAIN_COMMAND } from './train-command';

const TABLE = {
  steps: stringFlag(intFlag(1).default(10), 'steps to run (default 10)'),
  name: stringFlag(z.string().optional()),
  fast: booleanFlag('go faster'),
  mode: stringFlag(z.enum(['a', 'b']).optional(), 'a | b'),
} as const;

const parse = (argv: string[]) => parseFlags(argv, TABLE, 'demo', [{ test: (v) => !(v.fast && v.mode === 'b'), message: '--fast excludes --mode b' }]);

describe('flag table', () => {
  it("gives parseArgs each flag's syntax", () => {
    expect(parseArgsOptions(TABLE)).toEqual({ steps: { type: 'string' }, name: { type: 'string' }, fast: { type: 'boolean' }, mode: { type: 'string' } });
  });

  it('parses values through their schemas, defaults included, unset optional flags absent', () => {
    expect(parse([])).toEqual({ steps: 10, fast: false });
    expect(parse(['--steps', '3', '--fast', '--name', 'x', '--mode=a'])).toEqual({ steps: 3, fast: true, name: 'x', mode: 'a' });
    expect(flagSchema(TABLE).safeParse({ steps: '2' }).data).toEqual({ steps: 2, fast: false });
  });

  it('lists each flag once, in table order, with <value> for flags that take one and its help line', () => {
    expect(flagHelp(TABLE).split('\n')).toEqual(['  --steps <value>  steps to run (default 10)', '  --name <value>', '  --fast  go faster', '  --mode <value>  a | b']);
  });

  it("lists every command's flags once each in its help", () => {
    for (const command of [PREPROCESS_COMMAND, TRAIN_COMMAND, EVAL_COMMAND, EXPERIMENT_COMMAND, EXPORT_COMMAND, BENCH_COMMAND, MANIFEST_COMMAND]) {
      const lines = command.help.split('\n').filter((l) => l.startsWith('  --'));
      expect(lines.map((l) => /^ {2}--([a-z0-9-]+)/.exec(l)?.[1])).toEqual(Object.keys(command.flags));
    }
  });

  describe('invalid parameters', () => {
    const message = (argv: string[]) => {
      try {
        parse(argv);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as Error).message;
      }
      throw new Error('expected a UsageError');
    };

    it('names the command, the flag and the problem', () => {
      expect(message(['--steps', '0'])).toBe('demo: --steps: must be >= 1');
      expect(message(['--steps', 'x'])).toBe('demo: --steps: must be an integer');
      expect(message(['--mode', 'c'])).toMatch(/^demo: --mode: /);
    });

    it('joins several problems with semicolons', () => {
      expect(message(['--steps', '0', '--mode', 'c'])).toMatch(/^demo: --steps: must be >= 1; --mode: /);
    });

    it("rejects unknown flags, missing values and positionals with parseArgs's message", () => {
      expect(message(['--bogus'])).toMatch(/^demo: Unknown option '--bogus'/);
      expect(message(['--steps'])).toMatch(/^demo: Option '--steps <value>' argument missing/);
      expect(message(['extra'])).toMatch(/^demo: Unexpected argument 'extra'/);
    });

    it('checks rules between flags once each flag is valid', () => {
      expect(message(['--fast', '--mode', 'b'])).toBe('demo: --fast excludes --mode b');
      expect(parse(['--fast', '--mode', 'a'])).toMatchObject({ fast: true, mode: 'a' });
    });
  });
});
