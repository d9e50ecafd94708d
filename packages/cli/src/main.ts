#!/usr/bin/env node
// The `mtssl` command behind the root Nx targets (npx nx run preprocess | train | eval | bench).
import { BadInputError, ManifestError } from '@mtssl/core';
import { UsageError } from './args';
import { COMMANDS } from './commands';

const USAGE = `usage: mtssl <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join('\n')}

Run \`mtssl <command> --help\` for a command's options.`;

/**
 * Errors a user can fix get one clear line; anything else keeps its stack for a bug report. OptionError by
 * name: core's and the training engine's (which depends on no package of ours) are two classes.
 */
function isUserError(err: unknown): boolean {
  return (err instanceof Error && (err.name === 'SchemaMismatchError' || err.name === 'DatasetError' || err.name === 'ShardError' || err.name === 'OptionError')) || err instanceof UsageError || err instanceof ManifestError || err instanceof BadInputError;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"\n\n${USAGE}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\ninterrupt: finishing cleanly (press Ctrl-C again to quit at once)\n');
    controller.abort(new Error('interrupted by Ctrl-C'));
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    await command.run(rest, controller.signal, (line) => process.stderr.write(`${line}\n`));
    return 0;
  } catch (err) {
    if (controller.signal.aborted) {
      process.stderr.write(`stopped: ${(err as Error).message}; finished work is kept, rerun the same command to resume\n`);
      return 130;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(isUserError(err) ? `error: ${(err as Error).message}\n` : `error: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
