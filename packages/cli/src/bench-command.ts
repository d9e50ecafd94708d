// `mtssl bench`: runs each package's benchmark script in turn (each prints its own figures: samples/s
// for 1 and 2 workers and peak memory for the streams; GFLOPS, ms/step, samples/s per task, efficiency
// and peak memory for the engine), or, with --stream or --demand, the pipeline's stream benchmarks. With
// --record <dir> the run's figures also go to a dated Markdown file there (the pipeline's recordBenchRun).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { TASKS, TaskName } from '@mtssl/core';
import { BenchMode, BenchSection, benchDemand, benchStream, commandLine, demandTable, recordBenchRun } from '@mtssl/pipeline';
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
      // the engine's conv2d benchmark lives with the engine (packages/tfjs-wasm-training/bench)
      ['npx', 'tsc', '-p', 'packages/tfjs-wasm-training/bench'],
      ['node', 'packages/tfjs-wasm-training/bench/dist/conv-bench.js'],
      ['npx', 'tsc', '-p', 'packages/trainer/bench'],
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
  record: stringFlag(
    z.string().trim().min(1, 'must name a folder, e.g. docs/results').optional(),
    'also write the figures, with the machine, commit and command line, to <dir>/<YYYY-MM-DD>-bench-<what>.md (UTC date; a later run that day is appended), e.g. --record docs/results',
  ),
} as const;

type BenchFlags = FlagValues<typeof BENCH_FLAGS>;

/** What the flags measure, which names the record's file. */
export function benchMode(a: Pick<BenchFlags, 'stream' | 'threads' | 'demand' | 'only'>): BenchMode {
  if (a.stream) return { kind: 'stream', task: a.stream, threads: a.threads };
  if (a.demand) return { kind: 'demand' };
  return { kind: 'packages', only: a.only };
}

async function streamBench(task: TaskName, a: BenchFlags, signal: AbortSignal, log: (line: string) => void): Promise<BenchSection[]> {
  const r = await benchStream({ task, threads: a.threads, seconds: a.seconds, warmup: a.warmup, manifest: a.manifest, preset: a.preset, decodeCacheMiB: a['decode-cache-mib'] }, signal);
  if (a.json) process.stdout.write(`${JSON.stringify(r)}\n`);
  else log(`bench ${r.task}: ${r.samples_per_s} samples/s (${r.samples} in ${r.seconds} s after ${a.warmup} s warm-up), ${r.threads} worker thread(s), preset ${r.preset}, ${r.files} files, peak RSS ${r.peak_rss_mb} MiB`);
  return [{ heading: `stream ${r.task}, ${r.threads} worker thread(s)`, fields: r }];
}

async function demandBench(a: BenchFlags, signal: AbortSignal, log: (line: string) => void): Promise<BenchSection[]> {
  const options = { manifest: a.manifest, preset: a.preset, seconds: a.seconds, warmup: a.warmup };
  const table = demandTable(await benchDemand(options, signal, log), options);
  // the figures on stdout (progress stays on stderr), so the package benches' `demand` step captures them
  process.stdout.write(`${table}\n`);
  return [{ heading: 'demand', markdown: table }];
}

export interface Captured {
  /** The exit code; null when the process could not start, was killed or was aborted. */
  readonly status: number | null;
  readonly stdout: string;
  readonly error?: string;
}

/**
 * Runs argv from `cwd` with its stdout echoed as it comes (the figures appear live) and kept (for the
 * record); stderr stays the terminal's. Aborting `signal` ends the process.
 */
export function runCaptured(argv: readonly string[], cwd: string, signal: AbortSignal, echo: (chunk: Buffer) => void = (c) => process.stdout.write(c)): Promise<Captured> {
  const [cmd = '', ...args] = argv;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const child = spawn(cmd, args, { cwd, signal, stdio: ['inherit', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      echo(chunk);
    });
    // a command that cannot start (ENOENT) or was aborted: 'close' still follows with a null code
    child.on('error', (err) => (error = err.message));
    child.on('close', (code) => resolve({ status: error === undefined ? code : null, stdout: Buffer.concat(chunks).toString('utf8'), ...(error !== undefined ? { error } : {}) }));
  });
}

/** Runs each chosen package benchmark as its own process: one section a bench (its stdout), and the ones that failed. */
async function packageBenches(only: readonly string[] | undefined, signal: AbortSignal, log: (line: string) => void): Promise<{ sections: BenchSection[]; failed: string[] }> {
  const root = process.cwd();
  const sections: BenchSection[] = [];
  const failed: string[] = [];
  for (const bench of BENCHES.filter((b) => !only || only.includes(b.name))) {
    if (signal.aborted) break;
    log(`\n== bench ${bench.name}`);
    let output = '';
    let ok = true;
    for (const step of bench.steps) {
      const [cmd, ...args] = step;
      const script = args.find((x) => x.endsWith('.js'));
      if (script && cmd === 'node' && !script.includes('/dist/') && !existsSync(join(root, script))) throw new Error(`${script} not found: run from the repository root`);
      const r = await runCaptured(step, root, signal);
      output += r.stdout;
      if (r.status !== 0) {
        if (r.error) log(`bench ${bench.name}: ${step.join(' ')}: ${r.error}`);
        ok = false;
        break;
      }
    }
    // a failed bench is recorded too, marked, with what it printed before failing
    sections.push({ heading: ok ? bench.name : `${bench.name} (failed)`, output });
    if (!ok) failed.push(bench.name);
  }
  return { sections, failed };
}

export const BENCH_COMMAND = defineCommand({
  name: 'bench',
  summary: 'run the benchmarks: stream samples/s and peak memory, engine GFLOPS and ms/step',
  usage:
    'mtssl bench [--only <names>] | bench --stream <task> [--threads N --seconds S --warmup W --json] | bench --demand [--manifest M --preset P --seconds S]; each with [--record <dir>]',
  flags: BENCH_FLAGS,
  rules: [{ test: (a) => [a.stream, a.only, a.demand || undefined].filter((x) => x !== undefined).length <= 1, message: '--stream, --demand and --only exclude each other' }],
  async run(a, signal, log) {
    // taken at the start: the record's date and time are the run's start, its command line the one that ran
    const when = new Date();
    const command = commandLine(['node', relative(process.cwd(), process.argv[1] ?? 'mtssl'), ...process.argv.slice(2)]);
    let failed: string[] = [];
    let sections: BenchSection[];
    if (a.stream) sections = await streamBench(a.stream, a, signal, log);
    else if (a.demand) sections = await demandBench(a, signal, log);
    else ({ sections, failed } = await packageBenches(a.only, signal, log));
    if (a.record && sections.length > 0) log(`recorded: ${await recordBenchRun(a.record, { mode: benchMode(a), command, sections, when })}`);
    if (failed.length) throw new Error(`benchmarks failed: ${failed.join(', ')}`);
  },
});
