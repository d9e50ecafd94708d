// `mtssl preprocess`: the pipeline's preprocess, its options from the command line.
import { z } from 'zod';
import { BAD_INPUT_POLICIES, TASKS, parsePartSpec } from '@mtssl/core';
import { preprocess, PREPROCESS_DEFAULTS, SPLIT_CHOICES } from '@mtssl/pipeline';
import { defineCommand } from './command';
import { intFlag, presetFlag, taskList } from './flag-schemas';
import { booleanFlag, stringFlag } from './flags';

/** "i/N" -> core's part spec, its message on failure. */
const partFlag = z.string().transform((t, ctx) => {
  try {
    return parsePartSpec(t);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

export const PREPROCESS_FLAGS = {
  manifest: stringFlag(z.string().default(PREPROCESS_DEFAULTS.manifest), 'data manifest (default data-manifests/default.json)'),
  tasks: stringFlag(taskList.optional(), `comma-separated subset of ${TASKS.join(',')} (default: all the manifest supports)`),
  preset: stringFlag(presetFlag(PREPROCESS_DEFAULTS.preset), 'tiny | small | cpu | paper (default cpu; small for 32-px images)'),
  out: stringFlag(z.string().optional(), 'shards folder (default shards/<manifest>-<preset>)'),
  seed: stringFlag(intFlag(0).default(PREPROCESS_DEFAULTS.seed), 'random seed (default 0)'),
  threads: stringFlag(intFlag(1).optional(), 'worker threads (default: cores - 1)'),
  'decode-cache-mib': stringFlag(intFlag(0).optional(), 'MiB of decoded images each stream worker keeps between epochs (default 512; 0: none, every sample decodes its image)'),
  policy: stringFlag(z.enum(BAD_INPUT_POLICIES).default(PREPROCESS_DEFAULTS.policy), 'bad input: skip (default, counted and reported) | fail (stop at the first bad file)'),
  epochs: stringFlag(intFlag(1).default(PREPROCESS_DEFAULTS.epochs), 'passes over the data per task (default 2)'),
  samples: stringFlag(intFlag(1).optional(), 'stream positions per task (overrides --epochs)'),
  harmonize: booleanFlag('write harmonized (Lab L x3) variants of the image tasks'),
  preview: stringFlag(intFlag(0).default(PREPROCESS_DEFAULTS.preview), 'samples per preview sheet (default 16, 0 for none)'),
  fresh: booleanFlag('delete shards made with other settings instead of refusing'),
  split: stringFlag(z.enum(SPLIT_CHOICES).default(PREPROCESS_DEFAULTS.split), 'all (default) | train | test: use only that split of the manifest'),
  shard: stringFlag(
    partFlag.optional(),
    'i/N: write only part i (0-based) of N of each dataset (contiguous position ranges) into <dataset>.parts/i-of-N, for N machines or array jobs; once all N are done, the same command without --shard merges them',
  ),
} as const;

export const PREPROCESS_COMMAND = defineCommand({
  name: 'preprocess',
  summary: 'build per-task sample shards from a data manifest',
  usage: 'mtssl preprocess [options]',
  flags: PREPROCESS_FLAGS,
  run: ({ 'decode-cache-mib': decodeCacheMiB, ...rest }, signal, log) => preprocess({ ...rest, decodeCacheMiB }, signal, log),
});
