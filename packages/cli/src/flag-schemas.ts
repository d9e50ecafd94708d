// The value schemas flags share: strings from the command line parsed into the pipeline's types, each
// failure a message for "<command>: --flag: message".
import { z } from 'zod';
import { PRESET_NAMES, PresetName, TASKS, TaskName } from '@mtssl/core';
import { MAX_WASM_THREADS } from '@mtssl/tfjs-wasm-training';

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

/** `auto` or 1..MAX_WASM_THREADS. */
export const wasmThreadsFlag = z
  .union([z.literal('auto'), intFlag(1).refine((n) => n <= MAX_WASM_THREADS, { message: `must be auto or at most ${MAX_WASM_THREADS}` })])
  .default('auto');

/** One of core's preset names, `fallback` when not given. */
export const presetFlag = (fallback: PresetName) => z.enum(PRESET_NAMES as [PresetName, ...PresetName[]]).default(fallback);

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
        ctx.addIssue({ code: 'custom', message: `expected task=value pairs (tasks ${TASKS.join(', ')}; values ${bound}), got ${JSON.stringify(part)}` });
        return z.NEVER;
      }
      pairs[task as TaskName] = v;
    }
    if (Object.keys(pairs).length === 0) {
      ctx.addIssue({ code: 'custom', message: 'expected at least one task=value pair' });
      return z.NEVER;
    }
    return pairs;
  });
}

/** --task-weights: each task's share of the steps. */
export const taskWeightsFlag = taskPairsFlag(false);
/** --task-lr-scale: each task's factor on the learning rate. */
export const taskLrScaleFlag = taskPairsFlag(true);

/** The help of --no-winograd, shared by the commands that train or probe on wasm. */
export const NO_WINOGRAD_HELP =
  "on wasm, XNNPACK's direct convolution for every layer (default: Winograd F(2x2,3x3) for wide 3x3 stride-1 layers, ~1.8x faster, ~2e-6 relative difference)";
