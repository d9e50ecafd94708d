#!/usr/bin/env node
// The `mtssl` command behind the root Nx targets (npx nx run preprocess | train | eval | bench): finds the
// command, prints help, and runs the command's pipeline call under Ctrl-C handling.
import { isUserError, runInterruptible } from '@mtssl/pipeline';
import { COMMANDS } from './commands';
import { UsageError } from './flags';

const USAGE = `usage: mtssl <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join('\n')}

Run \`mtssl <command> --help\` for a command's options.`;

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
  // the first Ctrl-C (or SIGTERM) lets the command finish cleanly and exits 130; a second quits at once
  return runInterruptible((signal) => command.run(rest, signal, (line) => process.stderr.write(`${line}\n`)));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const oneLine = isUserError(err) || err instanceof UsageError;
    process.stderr.write(oneLine ? `error: ${(err as Error).message}\n` : `error: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
