// The trainer's schedule flags, shared by train and experiment, and the pipeline's schedule options they set.
import { z } from 'zod';
import type { TaskName } from '@mtssl/core';
import type { ScheduleOptions } from '@mtssl/pipeline';
import { EXEMPLAR_NEGATIVES, ExemplarNegatives, LR_SCHEDULES, LrSchedule } from '@mtssl/trainer';
import { intFlag, numberFlag, taskLrScaleFlag, taskWeightsFlag } from './flag-schemas';
import { stringFlag } from './flags';

export const SCHEDULE_FLAGS = {
  'lr-schedule': stringFlag(z.enum(LR_SCHEDULES).optional(), "constant (default, the paper's) | cosine: linear warm-up, then a half cosine to zero at the last step"),
  'warmup-steps': stringFlag(intFlag(0).optional(), 'steps of linear learning-rate warm-up (default 0)'),
  'exemplar-negatives': stringFlag(
    z.enum(EXEMPLAR_NEGATIVES).optional(),
    "paired (default, each triplet's own negative, the paper's) | batch-hard: the closest other seed in the batch",
  ),
  'task-weights': stringFlag(
    taskWeightsFlag.optional(),
    'task=weight,... (e.g. colorization=3): each step draws its task with these odds (unlisted tasks weigh 1) instead of taking turns',
  ),
  'task-lr-scale': stringFlag(taskLrScaleFlag.optional(), "task=factor,... (e.g. exemplar=0.3): that task's steps run at the learning rate times the factor (unlisted: 1)"),
  'trunk-grad-norm': stringFlag(
    numberFlag.refine((x) => x > 0, { message: 'must be a positive number' }).optional(),
    "scale each step's gradient on the shared trunk to this L2 norm (e.g. 0.5), so every task moves the trunk alike (default: off, the paper's)",
  ),
} as const;

/** The schedule options the schedule flags set (only those given). */
export function scheduleOptions(a: {
  'lr-schedule'?: LrSchedule;
  'warmup-steps'?: number;
  'exemplar-negatives'?: ExemplarNegatives;
  'task-weights'?: Partial<Record<TaskName, number>>;
  'task-lr-scale'?: Partial<Record<TaskName, number>>;
  'trunk-grad-norm'?: number;
}): ScheduleOptions {
  return {
    ...(a['trunk-grad-norm'] !== undefined ? { trunkGradNorm: a['trunk-grad-norm'] } : {}),
    ...(a['task-lr-scale'] !== undefined ? { taskLrScale: a['task-lr-scale'] } : {}),
    ...(a['task-weights'] !== undefined ? { interleave: 'weighted' as const, taskWeights: a['task-weights'] } : {}),
    ...(a['lr-schedule'] !== undefined ? { lrSchedule: a['lr-schedule'] } : {}),
    ...(a['warmup-steps'] !== undefined ? { warmupSteps: a['warmup-steps'] } : {}),
    ...(a['exemplar-negatives'] !== undefined ? { model: { exemplarNegatives: a['exemplar-negatives'] } } : {}),
  };
}
