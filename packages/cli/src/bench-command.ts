// `mtssl bench`: runs each package's benchmark script in turn (each prints its own figures:
// samples/s for 1 and 2 workers and peak memory for the streams; GFLOPS, ms/step, samples/s per task,
// efficiency and peak memory for the engine).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TASKS, TaskName } from '@mtssl/core';
import { intFlag, numberFlag, parseFlags, presetFlag } from './args';
import { benchDemand, demandTable } from './bench-demand';
import { benchStream } from './bench-stream';

interface Bench {
  readonly name: string;
  readonly steps: ReadonlyArray<readonly string[]>;
}

const BENCHES: readonly Bench[] = [
  { name: 'demand', steps: [['node', 'packages/cli/dist/main.js', 'bench', '--demand', '--seconds', '10']] },
  { name: 'relative-position', steps: [['node', 'packages/relative-position/bench/bench.js']] },
  { name: 'colorization', steps: [['node', 'packages/colorization/bench/bench.js']] },
  { name: 'exemplar', steps: [['node', 'packages/exemplar/bench/bench.js']] },
  { name: 'motion', steps: [['node', 'packages/motion/bench/bench.js']] },
  {
    name: 'trainer',
    steps: [
      ['npx', 'tsc', '-p', 'packages/trainer/bench'],
      ['node', 'packages/trainer/bench/dist/conv-bench.js'],
      ['node', 'packages/trainer/bench/dist/train-bench.js'],
      ['node', 'packages/trainer/bench/dist/train-bench.js', '--wasm-threads', '2', '--skip-tasks'],
    ],
  },
];

export const BENCH_FLAGS = {
  only: { type: 'string' },
  stream: { type: 'string' },
  threads: { type: 'string' },
  seconds: { type: 'string' },
  warmup: { type: 'string' },
  manifest: { type: 'string' },
  preset: { type: 'string' },
  json: { type: 'boolean' },
  demand: { type: 'boolean' },
} as const;

const schema = z
  .object({
    only: z
      .string()
      .transform((s) => s.split(','))
      .refine((names) => names.every((n) => BENCHES.some((b) => b.name === n)), {
        message: `only must be a comma-separated subset of ${BENCHES.map((b) => b.name).join(', ')}`,
      })
      .optional(),
    stream: z.enum(TASKS as unknown as [TaskName, ...TaskName[]]).optional(),
    threads: intFlag(1).default(1),
    seconds: numberFlag.default(20),
    warmup: numberFlag.default(3),
    manifest: z.string().default('data-manifests/flowers.json'),
    preset: presetFlag,
    json: z.boolean().default(false),
    demand: z.boolean().default(false),
  })
  .strict()
  .refine((a) => [a.stream, a.only, a.demand || undefined].filter((x) => x !== undefined).length <= 1, { message: '--stream, --demand and --only exclude each other' });

export async function benchCommand(argv: readonly string[], signal: AbortSignal, log: (line: string) => void): Promise<void> {
  const a = parseFlags(argv, BENCH_FLAGS, schema, 'bench');
  if (a.stream) {
    const r = await benchStream({ task: a.stream, threads: a.threads, seconds: a.seconds, warmup: a.warmup, manifest: a.manifest, preset: a.preset }, signal);
    if (a.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else log(`bench ${r.task}: ${r.samples_per_s} samples/s (${r.samples} in ${r.seconds} s after ${a.warmup} s warm-up), ${r.threads} worker thread(s), preset ${r.preset}, ${r.files} files, peak RSS ${r.peak_rss_mb} MiB`);
    return;
  }
  if (a.demand) {
    const args = { manifest: a.manifest, preset: a.preset, seconds: a.seconds, warmup: a.warmup };
    log(demandTable(await benchDemand(args, signal, log), args));
    return;
  }
  const root = process.cwd();
  const failed: string[] = [];
  for (const bench of BENCHES.filter((b) => !a.only || a.only.includes(b.name))) {
    if (signal.aborted) break;
    log(`\n== bench ${bench.name}`);
    for (const [cmd, ...args] of bench.steps) {
      const script = args.find((x) => x.endsWith('.js'));
      if (script && cmd === 'node' && !script.includes('/dist/') && !existsSync(join(root, script))) throw new Error(`${script} not found: run from the repository root`);
      const r = spawnSync(cmd as string, args, { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) {
        failed.push(bench.name);
        break;
      }
    }
  }
  if (failed.length) throw new Error(`benchmarks failed: ${failed.join(', ')}`);
}
