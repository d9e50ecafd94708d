#!/usr/bin/env node
// A lane of `experiment`: a child process that runs one unit. The parent passes its options as JSON (one
// argument, `unit` set); the log goes to stderr, which the parent relays line by line.
import { experiment } from './experiment';
import type { ExperimentOptions } from './experiment-options';
import { isUserError, runInterruptible } from './interruptible';

const options = JSON.parse(process.argv[2] ?? '{}') as Partial<ExperimentOptions>;

runInterruptible((signal) => experiment(options, signal, (line) => process.stderr.write(`${line}\n`))).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(isUserError(err) ? `error: ${(err as Error).message}\n` : `error: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
