// `mtssl experiment`: the paper's comparison at this project's scale. With one preset, budget and
// seed it pretrains each single task, all four, all four harmonized and all four with lasso, probes
// each trunk, adds the random-init and supervised rows, and writes the table and a report.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadManifest, TaskName } from '@mtssl/core';
import { compareToBaselines, comparisonMarkdown, writeRunReport } from '@mtssl/eval';
import { BACKEND_PREFERENCES, createTrunk, loadTrunk, selectBackend, setWinograd, train } from '@mtssl/trainer';
import { intFlag, parseFlags, PRESET_INPUT_SIZE, resolveWasmThreads, wasmThreadsFlag } from './args';
import { baselineRows, probeTrunk, ProbeRow } from './eval-command';
import { datasetDir, parsePreprocessArgs, preprocess, tasksFor } from './preprocess';
import { GENERATORS } from './registry';

export const EXPERIMENT_FLAGS = {
  manifest: { type: 'string' },
  'probe-manifest': { type: 'string' },
  preset: { type: 'string' },
  steps: { type: 'string' },
  'batch-size': { type: 'string' },
  rows: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  'wasm-threads': { type: 'string' },
  'no-winograd': { type: 'boolean' },
  'input-size': { type: 'string' },
  epochs: { type: 'string' },
  'supervised-epochs': { type: 'string' },
} as const;

export interface ExperimentRow {
  readonly id: string;
  readonly name: string;
  readonly tasks: 'all' | readonly TaskName[];
  readonly harmonize: boolean;
  readonly lasso: boolean;
}

export const EXPERIMENT_ROWS: readonly ExperimentRow[] = Object.freeze([
  { id: 'rp', name: 'Rel. position', tasks: ['relative-position'], harmonize: false, lasso: false },
  { id: 'col', name: 'Colorization', tasks: ['colorization'], harmonize: false, lasso: false },
  { id: 'ex', name: 'Exemplar', tasks: ['exemplar'], harmonize: false, lasso: false },
  { id: 'ms', name: 'Motion seg.', tasks: ['motion'], harmonize: false, lasso: false },
  { id: 'all', name: 'RP+Col+Ex+MS', tasks: 'all', harmonize: false, lasso: false },
  { id: 'all-h', name: 'RP+Col+Ex+MS / H', tasks: 'all', harmonize: true, lasso: false },
  { id: 'all-lasso', name: 'RP+Col+Ex+MS / lasso', tasks: 'all', harmonize: false, lasso: true },
]);

const schema = z
  .object({
    manifest: z.string().default('data-manifests/default.json'),
    'probe-manifest': z.string().optional(),
    preset: z.enum(['tiny', 'cpu', 'paper']).default('cpu'),
    steps: intFlag(1).default(600),
    'batch-size': intFlag(1).optional(),
    rows: z
      .string()
      .transform((s) => s.split(',').map((r) => r.trim()))
      .refine((ids) => ids.every((id) => EXPERIMENT_ROWS.some((r) => r.id === id)), {
        message: `rows must be a comma-separated subset of ${EXPERIMENT_ROWS.map((r) => r.id).join(', ')}`,
      })
      .optional(),
    out: z.string().optional(),
    seed: intFlag(0).default(0),
    backend: z.enum(BACKEND_PREFERENCES).default('auto'),
    'wasm-threads': wasmThreadsFlag,
    'no-winograd': z.boolean().default(false),
    'input-size': intFlag(8).optional(),
    epochs: intFlag(1).default(4),
    'supervised-epochs': intFlag(1).default(10),
  })
  .strict();

export type ExperimentArgs = z.infer<typeof schema>;

export interface ExperimentResult {
  readonly outDir: string;
  readonly rows: readonly ProbeRow[];
  readonly markdown: string;
}

export async function experiment(a: ExperimentArgs, signal: AbortSignal, log: (line: string) => void): Promise<ExperimentResult> {
  const manifest = await loadManifest(resolve(a.manifest), { generators: GENERATORS });
  const probeManifest = resolve(a['probe-manifest'] ?? a.manifest);
  const outDir = resolve(a.out ?? join('experiments', `${manifest.name}-${a.preset}-${a.steps}`));
  const shardsRoot = join(outDir, 'shards');
  const inputSize = a['input-size'] ?? PRESET_INPUT_SIZE[a.preset];
  const rows = a.rows ? EXPERIMENT_ROWS.filter((r) => a.rows?.includes(r.id)) : EXPERIMENT_ROWS;
  const available = tasksFor(manifest, undefined);
  mkdirSync(outDir, { recursive: true });
  log(`experiment: ${rows.length} pretrainings of ${a.steps} steps, preset ${a.preset}, seed ${a.seed} -> ${outDir}`);
  // Pretraining never sees the probe's test images: streams read the train split only.
  const pre = ['--manifest', a.manifest, '--preset', a.preset, '--out', shardsRoot, '--seed', String(a.seed), '--epochs', String(a.epochs), '--split', 'train'];
  await preprocess(parsePreprocessArgs(pre), signal, log);
  if (rows.some((r) => r.harmonize)) await preprocess(parsePreprocessArgs([...pre, '--harmonize']), signal, log);
  const threads = resolveWasmThreads(a['wasm-threads'], { preset: a.preset, live: false });
  const choice = await selectBackend(a.backend, { threads, log });
  setWinograd(!a['no-winograd']); // for the probes too (train sets it for its own run and restores it)
  const probed: ProbeRow[] = [];
  for (const r of rows) {
    const tasks = (r.tasks === 'all' ? available : r.tasks.filter((t) => available.includes(t))) as TaskName[];
    if (tasks.length === 0) {
      log(`${r.name}: skipped, the manifest has no data for ${String(r.tasks)}`);
      continue;
    }
    const runDir = join(outDir, 'runs', r.id);
    const datasets = Object.fromEntries(tasks.map((t) => [t, datasetDir(shardsRoot, t, r.harmonize && t !== 'colorization')]));
    const resume = existsSync(join(runDir, 'latest.json'));
    log(`${r.name}: training ${tasks.join(', ')}${resume ? ' (resuming)' : ''}`);
    const result = await train({
      datasets, outDir: runDir, preset: a.preset, stride8: true, steps: a.steps, seed: a.seed, lasso: r.lasso, harmonize: r.harmonize,
      resume, backend: choice.name === 'tensorflow' ? 'tensorflow' : a.backend, wasmThreads: threads, winograd: !a['no-winograd'], handleSignals: false,
      ...(a['batch-size'] ? { batchSize: a['batch-size'] } : {}),
      logger: { info: log, warn: (l) => log(`warning: ${l}`) },
    });
    if (result.stoppedBy === 'signal' || signal.aborted) throw new Error('experiment interrupted; rerun the same command to resume');
    const probe = await probeTrunk(await loadTrunk(runDir), r.id, probeManifest, inputSize, join(outDir, 'features'));
    log(`${r.name}: probe top-1 ${(100 * probe.top1).toFixed(1)}%, top-2 ${(100 * probe.top2).toFixed(1)}%`);
    probed.push({ name: r.name, top1: probe.top1, top5: probe.top5, top2: probe.top2, result: probe });
  }
  const like = createTrunk(a.preset, a.seed, { stride8: true });
  let baselines: ProbeRow[];
  try {
    baselines = await baselineRows(like, probeManifest, inputSize, a.seed, join(outDir, 'features'), log, a['supervised-epochs']);
  } finally {
    like.dispose();
  }
  const all = [...probed, ...baselines];
  const comparison = compareToBaselines(all, 'random init', 'supervised');
  const markdown = comparisonMarkdown(comparison);
  writeFileSync(join(outDir, 'table.md'), `${markdown}\n`);
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify({ args: a, rows: all }, null, 2)}\n`);
  const allRun = join(outDir, 'runs', 'all');
  await writeRunReport({
    outDir: join(outDir, 'report'),
    title: `mtssl experiment: ${manifest.name}, preset ${a.preset}, ${a.steps} steps`,
    ...(existsSync(join(allRun, 'metrics.jsonl')) ? { logFile: join(allRun, 'metrics.jsonl') } : {}),
    comparison,
    previews: available.map((t) => join(shardsRoot, 'previews', `${t}.png`)).filter((f) => existsSync(f)),
  });
  log(`\n${markdown}\n\nexperiment: table ${join(outDir, 'table.md')}, report ${join(outDir, 'report', 'report.html')}`);
  return { outDir, rows: all, markdown };
}

export function parseExperimentArgs(argv: readonly string[]): ExperimentArgs {
  return parseFlags(argv, EXPERIMENT_FLAGS, schema, 'experiment');
}
