/** The four pretext tasks of Doersch & Zisserman (2017). */
export const TASKS = ['relative-position', 'colorization', 'exemplar', 'motion'] as const;
export type TaskName = (typeof TASKS)[number];

export function isTaskName(value: string): value is TaskName {
  return (TASKS as readonly string[]).includes(value);
}
