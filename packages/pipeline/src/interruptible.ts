// Ctrl-C and a scheduler's SIGTERM for a process that runs one pipeline job (the CLI, an experiment
// lane): the first signal lets the job finish cleanly (checkpoint written, finished shards kept), a
// second quits at once.
import { BadInputError, ManifestError } from '@mtssl/core';

/**
 * Errors a user can fix get one clear line; anything else keeps its stack for a bug report. OptionError
 * by name: core's and the training engine's (which depends on no package of ours) are two classes.
 */
export function isUserError(err: unknown): boolean {
  const named = err instanceof Error && ['SchemaMismatchError', 'DatasetError', 'ShardError', 'OptionError'].includes(err.name);
  return named || err instanceof ManifestError || err instanceof BadInputError;
}

/**
 * Runs `job` with a signal that SIGINT or SIGTERM aborts. Resolves 0 when the job finishes and 130 when a
 * signal stopped it (after saying that rerunning resumes); any other failure is rethrown.
 */
export async function runInterruptible(job: (signal: AbortSignal) => Promise<unknown>, write: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    write('\ninterrupt: finishing cleanly (press Ctrl-C again to quit at once)\n');
    controller.abort(new Error('interrupted by Ctrl-C'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await job(controller.signal);
    return 0;
  } catch (err) {
    if (controller.signal.aborted) {
      write(`stopped: ${(err as Error).message}; finished work is kept, rerun the same command to resume\n`);
      return 130;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
