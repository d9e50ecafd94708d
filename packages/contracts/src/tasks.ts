// The task names every package keys its per-task code by. Core re-exports them (with its isTaskName
// check), so a fifth task starts here and the compiler points at everything keyed by TaskName.

/** The four pretext tasks of Doersch & Zisserman (2017), in the order runs and reports list them. */
export const TASKS = Object.freeze(['relative-position', 'colorization', 'exemplar', 'motion'] as const);
export type TaskName = (typeof TASKS)[number];
