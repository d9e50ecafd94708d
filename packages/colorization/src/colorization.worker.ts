// Worker module: one colorization sample per task, buffers moved back to the main thread.
import { configureWorker, moveOut } from '@mtssl/core';
import { makeSample } from './make-sample';
import type { ColorizationResult, ColorizationTask } from './task';

configureWorker();

export async function handle(task: ColorizationTask): Promise<ColorizationResult> {
  return moveOut(await makeSample(task));
}
