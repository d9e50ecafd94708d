// The experiment's lanes: child processes that each run one unit at a time (one wasm thread each), so
// units train in parallel on a multi-core machine. A child is the pipeline's unit entry script, given
// the parent's options as JSON; its log lines come back prefixed with its unit's id.
import { spawn } from 'node:child_process';
import { resolveWorkerFile } from '@mtssl/core';
import type { ExperimentOptions } from './experiment-options';
import type { ExperimentUnit } from './experiment-plan';

/** The options a lane's child runs with: the parent's, on one lane and one wasm thread, for one unit. */
export function childOptions(o: ExperimentOptions, unit: string): ExperimentOptions {
  // the child writes no results.json: how the parent was invoked is not its concern
  return { ...o, invocation: undefined, unit, wasmThreads: 1, jobs: 1 };
}

function runChild(o: ExperimentOptions, unit: ExperimentUnit, signal: AbortSignal, log: (l: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    // the compiled entry beside this module (dist/, also when this module runs from src/ under Jest)
    const entry = resolveWorkerFile(__dirname, 'experiment-unit-main');
    const child = spawn(process.execPath, [entry, JSON.stringify(childOptions(o, unit.id))], { stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) log(`[${unit.id}] ${line}`);
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    const onAbort = () => child.kill('SIGINT');
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (code === 0) resolvePromise();
      else reject(new Error(`unit ${unit.id} exited with code ${String(code)}; rerun the same command to resume it`));
    });
  });
}

/** Runs `units` on `lanes` child processes, each taking the next unit when it finishes one. */
export async function runLanes(o: ExperimentOptions, units: readonly ExperimentUnit[], lanes: number, signal: AbortSignal, log: (l: string) => void): Promise<void> {
  let next = 0;
  const errors: Error[] = [];
  const lane = async (): Promise<void> => {
    while (next < units.length && !signal.aborted && errors.length === 0) {
      const unit = units[next++] as ExperimentUnit;
      try {
        await runChild(o, unit, signal, log);
      } catch (err) {
        errors.push(err as Error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, units.length) }, lane));
  if (signal.aborted) throw new Error('experiment interrupted; rerun the same command to resume');
  if (errors.length) throw errors[0] as Error;
}
