// Where a training run goes when the caller names no folder.
import { join } from 'node:path';
import type { TaskName } from '@mtssl/core';

export interface RunVariant {
  readonly preset: string;
  readonly harmonize: boolean;
  readonly lasso: boolean;
  readonly live: boolean;
}

/** Default run folder: one per manifest, preset and variant, so runs never overwrite each other. */
export function defaultRunDir(manifestName: string, v: RunVariant, tasks: readonly TaskName[], allTasks: number): string {
  const parts = [manifestName, v.preset];
  if (tasks.length < allTasks) parts.push(tasks.join('+'));
  if (v.harmonize) parts.push('harmonized');
  if (v.lasso) parts.push('lasso');
  if (v.live) parts.push('live');
  return join('runs', parts.join('-'));
}
