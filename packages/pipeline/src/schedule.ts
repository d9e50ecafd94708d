// The trainer options that shape a run's schedule and task mix, passed through by `train` and
// `experiment` to the trainer (which validates them).
import { OptionError, rejectUnknownKeys } from '@mtssl/core';
import type { TrainOptions } from '@mtssl/trainer';

export const SCHEDULE_KEYS = ['lrSchedule', 'warmupSteps', 'model', 'interleave', 'taskWeights', 'taskLrScale', 'trunkGradNorm'] as const;

/** Learning-rate schedule, exemplar negatives (`model.exemplarNegatives`), interleave, per-task weights and rate factors, trunk gradient norm. */
export type ScheduleOptions = Readonly<Partial<Pick<TrainOptions, (typeof SCHEDULE_KEYS)[number]>>>;

/** An object of schedule options only; their values are the trainer's to check. */
export function checkSchedule(schedule: unknown): ScheduleOptions {
  if (typeof schedule !== 'object' || schedule === null || Array.isArray(schedule)) throw new OptionError(`schedule must be an object, got ${String(schedule)}`);
  rejectUnknownKeys('schedule', schedule, SCHEDULE_KEYS);
  return schedule as ScheduleOptions;
}
