// Command-line parsing: node's parseArgs for the syntax, zod for the values, so every bad flag
// gets a message naming the flag and the problem.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PRESET_NAMES, PresetName, TASKS, TaskName } from '@mtssl/core';
import { MAX_WASM_THREADS } from '@mtssl/tfjs-wasm-training';
import { EXEMPLAR_NEGATIVES, ExemplarNegatives, LR_SCHEDULES, LrSchedule } from '@mtssl/trainer';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export function parseFlags<T extends z.ZodTypeAny>(argv: readonly string[], flags: FlagSpec, schema: T, command: string): z.infer<T> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
    throw new UsageError(`${command}: ${problems.join('; ')}`);
  }
  return parsed.data as z.infer<T>;
}

/** "a,b" -> validated task list. */
export const taskList = z
  .string()
  .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean))
  .refine((ts) => ts.every((t) => (TASKS as readonly string[]).includes(t)), {
    message: `tasks must be a comma-separated subset of ${TASKS.join(', ')}`,
  })
  .transform((ts) => ts as TaskName[]);

export const intFlag = (min = 1) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .refine((n) => n >= min, { message: `must be >= ${min}` });

export const numberFlag = z
  .string()
  .refine((s) => s.trim() !== '' && Number.isFinite(Number(s)), { message: 'must be a number' })
  .transform(Number);

/** --wasm-threads: `auto` or 1..MAX_WASM_THREADS. */
export const wasmThreadsFlag = z
  .union([z.literal('auto'), intFlag(1).refine((n) => n <= MAX_WASM_THREADS, { message: `must be auto or at most ${MAX_WASM_THREADS}` })])
  .default('auto');

/**
 * `auto`: every core (up to the wasm pool's 8) for the cpu and paper presets, from shards or live (live
 * streams' workers run at low priority in the time the step leaves a core idle); one thread for the tiny
 * preset, whose step is too small to gain from a second.
 */
export function resolveWasmThreads(flag: 'auto' | number, preset: string): number {
  if (flag !== 'auto') return flag;
  if (preset === 'tiny') return 1;
  return Math.min(MAX_WASM_THREADS, availableParallelism());
}


/** --preset: one of core's preset names, `cpu` by default. */
export const presetFlag = z.enum(PRESET_NAMES as [PresetName, ...PresetName[]]).default('cpu');

/** The trainer's schedule flags, shared by train and experiment. */
export const SCHEDULE_FLAGS = {
  'lr-schedule': { type: 'string' },
  'warmup-steps': { type: 'string' },
  'exemplar-negatives': { type: 'string' },
  'task-weights': { type: 'string' },
  'task-lr-scale': { type: 'string' },
} as const;

/** "colorization=3,motion=0.5" -> { colorization: 3, motion: 0.5 }, each value >= 0 (or > 0 with `positive`). */
function taskPairsFlag(positive: boolean) {
  const bound = positive ? '> 0' : '>= 0';
  return z.string().transform((s, ctx) => {
    const pairs: Partial<Record<TaskName, number>> = {};
    for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [task, value, ...rest] = part.split('=').map((x) => x.trim());
      const v = Number(value);
      const valid = value !== undefined && value !== '' && rest.length === 0 && Number.isFinite(v) && (positive ? v > 0 : v >= 0);
      if (!(TASKS as readonly string[]).includes(task ?? '') || !valid) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected task=value pairs (tasks ${TASKS.join(', ')}; values ${bound}), got ${JSON.stringify(part)}` });
        return z.NEVER;
      }
      pairs[task as TaskName] = v;
    }
    if (Object.keys(pairs).length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected at least one task=value pair' });
      return z.NEVER;
    }
    return pairs;
  });
}

/** --task-weights: each task's share of the steps. */
export const taskWeightsFlag = taskPairsFlag(false);
/** --task-lr-scale: each task's factor on the learning rate. */
export const taskLrScaleFlag = taskPairsFlag(true);

export const scheduleSchema = {
  'lr-schedule': z.enum(LR_SCHEDULES).optional(),
  'warmup-steps': intFlag(0).optional(),
  'exemplar-negatives': z.enum(EXEMPLAR_NEGATIVES).optional(),
  'task-weights': taskWeightsFlag.optional(),
  'task-lr-scale': taskLrScaleFlag.optional(),
};

export const SCHEDULE_HELP = {
  'lr-schedule': "constant (default, the paper's) | cosine: linear warm-up, then a half cosine to zero at the last step",
  'warmup-steps': 'steps of linear learning-rate warm-up (default 0)',
  'exemplar-negatives': "paired (default, each triplet's own negative, the paper's) | batch-hard: the closest other seed in the batch",
  'task-weights': 'task=weight,... (e.g. colorization=3): each step draws its task with these odds (unlisted tasks weigh 1) instead of taking turns',
  'task-lr-scale': "task=factor,... (e.g. exemplar=0.3): that task's steps run at the learning rate times the factor (unlisted: 1)",
} as const;

/** The trainer options the schedule flags set (only those given). */
export function scheduleOptions(a: {
  'lr-schedule'?: LrSchedule;
  'warmup-steps'?: number;
  'exemplar-negatives'?: ExemplarNegatives;
  'task-weights'?: Partial<Record<TaskName, number>>;
  'task-lr-scale'?: Partial<Record<TaskName, number>>;
}) {
  return {
    ...(a['task-lr-scale'] !== undefined ? { taskLrScale: a['task-lr-scale'] } : {}),
    ...(a['task-weights'] !== undefined ? { interleave: 'weighted' as const, taskWeights: a['task-weights'] } : {}),
    ...(a['lr-schedule'] !== undefined ? { lrSchedule: a['lr-schedule'] } : {}),
    ...(a['warmup-steps'] !== undefined ? { warmupSteps: a['warmup-steps'] } : {}),
    ...(a['exemplar-negatives'] !== undefined ? { model: { exemplarNegatives: a['exemplar-negatives'] } } : {}),
  };
}
