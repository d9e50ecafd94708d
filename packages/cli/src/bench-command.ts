// `mtssl bench`: runs each package's benchmark script in turn (each prints its own figures:
// samples/s for 1 and 2 workers and peak memory for the streams; GFLOPS, ms/step, samples/s per task,
// efficiency and peak memory for the engine).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseFlags } from './args';

interface Bench {
  readonly name: string;
  readonly steps: ReadonlyArray<readonly string[]>;
}

const BENCHES: readonly Bench[] = [
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

export const BENCH_FLAGS = { only: { type: 'string' } } as const;

const schema = z
  .object({
    only: z
      .string()
      .transform((s) => s.split(','))
      .refine((names) => names.every((n) => BENCHES.some((b) => b.name === n)), {
        message: `only must be a comma-separated subset of ${BENCHES.map((b) => b.name).join(', ')}`,
      })
      .optional(),
  })
  .strict();

export async function benchCommand(argv: readonly string[], signal: AbortSignal, log: (line: string) => void): Promise<void> {
  const a = parseFlags(argv, BENCH_FLAGS, schema, 'bench');
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
