// `mtssl bench`: runs each package's benchmark script in turn (each prints its own figures: samples/s
// for 1 and 2 workers and peak memory for the streams; GFLOPS, ms/step, samples/s per task, efficiency
// and peak memory for the engine), or, with --stream or --demand, the pipeline's stream benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TASKS, TaskName } from '@mtssl/core';
import { benchDemand, benchStream, demandTable } from '@mtssl/pipeline';
import { defineCommand } from './command';
import { intFlag, numberFlag, presetFlag } from './flag-schemas';
import { booleanFlag, FlagValues, stringFlag } from './flags';

interface Bench {
  readonly name: string;
  /** Commands run in turn from the repository root (child processes: the scripts are not modules of ours). */
  readonly steps: ReadonlyArray<readonly string[]>;
}

const BENCHES: readonly Bench[] = [
  { name: 'demand', steps: [['node', 'packages/cli/dist/main.js', 'bench', '--demand', '--seconds', '10']] },
  // each stream package's own benchmark script, at packages/<task>/bench/bench.js
  ...TASKS.map((task) => ({ name: task, steps: [['node', `packages/${task}/bench/bench.js`]] })),
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
  only: stringFlag(
    z
      .string()
      .transform((s) => s.split(','))
      .refine((names) => names.every((n) => BENCHES.some((b) => b.name === n)), {
        message: `only must be a comma-separated subset of ${BENCHES.map((b) => b.name).join(', ')}`,
      })
      .optional(),
    `subset of ${BENCHES.map((b) => b.name).join(',')}`,
  ),
  stream: stringFlag(
    z.enum(TASKS as unknown as [TaskName, ...TaskName[]]).optional(),
    `time one stream instead: ${TASKS.join(' | ')} (the pipeline peer's method: seed 1, policy skip, samples reaching the main thread after the warm-up, no shard writing)`,
  ),
  threads: stringFlag(intFlag(1).default(1), 'with --stream: worker threads (default 1)'),
  'decode-cache-mib': stringFlag(intFlag(0).optional(), 'with --stream: miB of decoded images each stream worker keeps between epochs (default 512; 0: none, every sample decodes its image)'),
  seconds: stringFlag(numberFlag.default(20), 'with --stream or --demand: timed seconds a measurement (default 20)'),
  warmup: stringFlag(numberFlag.default(3), 'with --stream or --demand: seconds from pool creation before timing starts (default 3)'),
  manifest: stringFlag(z.string().default('data-manifests/flowers.json'), 'with --stream or --demand: the images or videos (default data-manifests/flowers.json, the 2,500 shared flowers)'),
  preset: stringFlag(presetFlag('cpu'), "with --stream or --demand: the stream geometry and network (default cpu, the peer's)"),
  json: booleanFlag('with --stream: print one JSON line (side, task, threads, samples_per_s, ...) on stdout'),
  demand: booleanFlag(
    "each of the manifest's streams with 1 and 2 workers beside the samples/s of its task the trainer takes from shards (round robin, batch 16): whether train --live would wait for a stream",
  ),
} as const;

type BenchFlags = FlagValues<typeof BENCH_FLAGS>;

async function streamBench(task: TaskName, a: BenchFlags, signal: AbortSignal, log: (line: string) => void): Promise<void> {
  const r = await benchStream({ task, threads: a.threads, seconds: a.seconds, warmup: a.warmup, manifest: a.manifest, preset: a.preset, decodeCacheMiB: a['decode-cache-mib'] }, signal);
  if (a.json) process.stdout.write(`${JSON.stringify(r)}\n`);
  else log(`bench ${r.task}: ${r.samples_per_s} samples/s (${r.samples} in ${r.seconds} s after ${a.warmup} s warm-up), ${r.threads} worker thread(s), preset ${r.preset}, ${r.files} files, peak RSS ${r.peak_rss_mb} MiB`);
}

/** Runs each chosen package benchmark as its own process; throws naming the ones that failed. */
function packageBenches(only: readonly string[] | undefined, signal: AbortSignal, log: (line: string) => void): void {
  const root = process.cwd();
  const failed: string[] = [];
  for (const bench of BENCHES.filter((b) => !only || only.includes(b.name))) {
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

export const BENCH_COMMAND = defineCommand({
  name: 'bench',
  summary: 'run the benchmarks: stream samples/s and peak memory, engine GFLOPS and ms/step',
  usage: 'mtssl bench [--only <names>] | bench --stream <task> [--threads N --seconds S --warmup W --json] | bench --demand [--manifest M --preset P --seconds S]',
  flags: BENCH_FLAGS,
  rules: [{ test: (a) => [a.stream, a.only, a.demand || undefined].filter((x) => x !== undefined).length <= 1, message: '--stream, --demand and --only exclude each other' }],
  async run(a, signal, log) {
    if (a.stream) return streamBench(a.stream, a, signal, log);
    if (a.demand) {
      const options = { manifest: a.manifest, preset: a.preset, seconds: a.seconds, warmup: a.warmup };
      return log(demandTable(await benchDemand(options, signal, log), options));
    }
    return packageBenches(a.only, signal, log);
  },
});
