// The task names are a contract between packages (@mtssl/contracts); core re-exports them so its users
// keep one import, and adds the run-time check.
import { TASKS, type TaskName } from '@mtssl/contracts';

export { TASKS, type TaskName };

export function isTaskName(value: string): value is TaskName {
  return (TASKS as readonly string[]).includes(value);
}
