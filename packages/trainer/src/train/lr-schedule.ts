// The learning rate at each step: constant (the paper's RMSProp) or a linear warm-up followed by a
// half-cosine decay to zero over the run's horizon, the schedule short self-supervised runs use.
import { OptionError, requireNonNegativeInt, requireOneOf, requirePositiveInt } from '@mtssl/core';

export const LR_SCHEDULES = ['constant', 'cosine'] as const;
export type LrSchedule = (typeof LR_SCHEDULES)[number];

export interface LrScheduleOptions {
  readonly schedule: LrSchedule;
  readonly base: number;
  /** Steps of linear warm-up from base / warmup to base (both schedules). */
  readonly warmupSteps: number;
  /** The step at which the cosine reaches zero (a run trained in segments passes its final step count). */
  readonly horizon: number;
}

export function checkLrSchedule(o: LrScheduleOptions): void {
  requireOneOf('lrSchedule', o.schedule, LR_SCHEDULES);
  requireNonNegativeInt('warmupSteps', o.warmupSteps);
  requirePositiveInt('scheduleSteps', o.horizon);
  if (o.warmupSteps >= o.horizon && o.schedule === 'cosine') {
    throw new OptionError(`warmupSteps must be below scheduleSteps for the cosine schedule, got ${o.warmupSteps} >= ${o.horizon}`);
  }
}

/** The rate for the step about to run (0-based: step 0 is the first update). */
export function learningRateAt(step: number, o: LrScheduleOptions): number {
  if (step < o.warmupSteps) return (o.base * (step + 1)) / o.warmupSteps;
  if (o.schedule === 'constant') return o.base;
  const progress = Math.min(1, (step - o.warmupSteps) / (o.horizon - o.warmupSteps));
  return 0.5 * o.base * (1 + Math.cos(Math.PI * progress));
}
