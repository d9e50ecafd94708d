// The registry of task specs: the one map from a task name to what the trainer knows about it.
import { TaskName } from '@mtssl/core';
import { colorizationSpec } from './colorization';
import { exemplarSpec } from './exemplar';
import { motionSpec } from './motion';
import { relativePositionSpec } from './relative-position';
import { TaskSpec } from './task-spec';

export type { TaskSpec, BatchSizes } from './task-spec';

/** Every task's spec; a TaskName without one is a compile error here. */
export const TASK_SPECS: { readonly [K in TaskName]: TaskSpec<K> } = Object.freeze({
  'relative-position': relativePositionSpec,
  colorization: colorizationSpec,
  exemplar: exemplarSpec,
  motion: motionSpec,
});

/**
 * A spec typed for any task, for calls that take a batch (`loss`, `owned`, `shared`): TypeScript cannot
 * tie `TASK_SPECS[batch.task]` to `batch`, so this widening is the one cast. Pass the batch's own task.
 */
export function specFor(task: TaskName): TaskSpec<TaskName> {
  return TASK_SPECS[task] as TaskSpec<TaskName>;
}
