// `mtssl experiment`: the paper's comparison at this project's scale. Pretrains each single task, all
// four, all four harmonized and all four with lasso (the seeded rows once per seed), adds random
// init and a supervised ceiling, probes every trunk (linear per block, kNN), and writes the table,
// a plot of probe accuracy against samples seen and a report. Units run on parallel lanes (child
// processes, one wasm thread each); rerunning the same command skips finished units and resumes.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadManifest, PRESET_INPUT_SIZE, TaskName } from '@mtssl/core';
import { compareToBaselines, writeRunReport } from '@mtssl/eval';
import { BACKEND_PREFERENCES, selectBackend } from '@mtssl/tfjs-wasm-training';
import { METRICS_FILE } from '@mtssl/trainer';
import { intFlag, numberFlag, parseFlags, presetFlag, SCHEDULE_FLAGS, scheduleOptions, scheduleSchema, wasmThreadsFlag } from './args';
import { loadProbeData } from './experiment-data';
import { curveSvg } from './experiment-plot';
import { EXPERIMENT_ROWS, planUnits, unitById, type ExperimentUnit } from './experiment-plan';
import { experimentMarkdown, summarize } from './experiment-table';
import { readUnitResult, runUnit, type UnitResult, type UnitSettings } from './experiment-unit';
import { onlySplit, parsePreprocessArgs, preprocess, tasksFor } from './preprocess';
import { GENERATORS } from './registry';

export { EXPERIMENT_ROWS } from './experiment-plan';

export const EXPERIMENT_FLAGS = {
  manifest: { type: 'string' },
  'probe-manifest': { type: 'string' },
  'test-manifest': { type: 'string' },
  validate: { type: 'boolean' },
  preset: { type: 'string' },
  steps: { type: 'string' },
  'batch-size': { type: 'string' },
  lr: { type: 'string' },
  ...SCHEDULE_FLAGS,
  rows: { type: 'string' },
  seeds: { type: 'string' },
  jobs: { type: 'string' },
  out: { type: 'string' },
  backend: { type: 'string' },
  'wasm-threads': { type: 'string' },
  'no-winograd': { type: 'boolean' },
  'input-size': { type: 'string' },
  epochs: { type: 'string' },
  'supervised-epochs': { type: 'string' },
  'curve-points': { type: 'string' },
  unit: { type: 'string' },
} as const;

const schema = z
  .object({
    manifest: z.string().default('data-manifests/default.json'),
    'probe-manifest': z.string().optional(),
    'test-manifest': z.string().optional(),
    validate: z.boolean().default(false),
    preset: presetFlag,
    steps: intFlag(1).default(600),
    'batch-size': intFlag(1).optional(),
    lr: numberFlag.optional(),
    ...scheduleSchema,
    rows: z
      .string()
      .transform((s) => s.split(',').map((r) => r.trim()))
      .refine((ids) => ids.every((id) => EXPERIMENT_ROWS.some((r) => r.id === id)), {
        message: `rows must be a comma-separated subset of ${EXPERIMENT_ROWS.map((r) => r.id).join(', ')}`,
      })
      .optional(),
    seeds: intFlag(1).default(3),
    jobs: z.union([z.literal('auto'), intFlag(1)]).default('auto'),
    out: z.string().optional(),
    backend: z.enum(BACKEND_PREFERENCES).default('auto'),
    'wasm-threads': wasmThreadsFlag,
    'no-winograd': z.boolean().default(false),
    'input-size': intFlag(8).optional(),
    epochs: intFlag(1).default(1),
    'supervised-epochs': intFlag(1).default(10),
    'curve-points': intFlag(1).default(4),
    unit: z.string().optional(),
  })
  .strict()
  .refine((a) => !(a.validate && a['test-manifest']), { message: '--validate and --test-manifest exclude each other' });

export type ExperimentArgs = z.infer<typeof schema>;

export interface ExperimentResult {
  readonly outDir: string;
  readonly units: readonly UnitResult[];
  readonly markdown: string;
}

const DEFAULT_BATCH: Readonly<Record<ExperimentArgs['preset'], number>> = Object.freeze({ tiny: 16, small: 64, cpu: 16, paper: 16 });

function outDirOf(a: ExperimentArgs, manifestName: string): string {
  return resolve(a.out ?? join('experiments', `${manifestName}-${a.preset}-${a.steps}`));
}

/** Lanes: `auto` is one per core (each unit then computes on one wasm thread). */
function laneCount(a: ExperimentArgs): number {
  return a.jobs === 'auto' ? Math.max(1, Math.min(4, availableParallelism())) : a.jobs;
}

async function settingsFor(a: ExperimentArgs, outDir: string, available: readonly TaskName[], threads: number, signal: AbortSignal, log: (l: string) => void): Promise<UnitSettings> {
  const choice = await selectBackend(a.backend, { threads, winograd: !a['no-winograd'], log });
  return {
    outDir, shardsRoot: join(outDir, 'shards'), available, preset: a.preset, steps: a.steps, batchSize: a['batch-size'] ?? DEFAULT_BATCH[a.preset],
    ...(a.lr !== undefined ? { learningRate: a.lr } : {}), schedule: scheduleOptions(a), curvePoints: a['curve-points'], supervisedEpochs: a['supervised-epochs'],
    backend: choice.name === 'tensorflow' ? 'tensorflow' : a.backend, wasmThreads: threads, winograd: !a['no-winograd'], signal, log,
  };
}

function probeRequest(a: ExperimentArgs, outDir: string) {
  return {
    manifestFile: resolve(a['probe-manifest'] ?? a.manifest),
    ...(a['test-manifest'] ? { testManifestFile: resolve(a['test-manifest']) } : {}),
    validate: a.validate,
    inputSize: a['input-size'] ?? PRESET_INPUT_SIZE[a.preset],
    cacheDir: join(outDir, 'probe'),
    curvePerClass: 1000,
  };
}

/** The argv a lane's child gets: the parent's, less its lane and thread settings, plus its unit. */
export function childArgv(argv: readonly string[], unit: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--jobs' || flag === '--wasm-threads' || flag === '--unit') i++;
    else if (!/^--(jobs|wasm-threads|unit)=/.test(flag)) out.push(flag);
  }
  return [...out, '--unit', unit, '--wasm-threads', '1', '--jobs', '1'];
}

function runChild(argv: readonly string[], unit: ExperimentUnit, signal: AbortSignal, log: (l: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    // The CLI's own entry beside this file, so lanes work however the parent was started.
    const child = spawn(process.execPath, [join(__dirname, 'main.js'), 'experiment', ...childArgv(argv, unit.id)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) log(`[${unit.id}] ${line}`);
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    const onAbort = () => child.kill('SIGINT');
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (code === 0) resolvePromise();
      else reject(new Error(`unit ${unit.id} exited with code ${String(code)}; rerun the same command to resume it`));
    });
  });
}

/** Runs `units` on `lanes` child processes, each taking the next unit when it finishes one. */
async function runLanes(argv: readonly string[], units: readonly ExperimentUnit[], lanes: number, signal: AbortSignal, log: (l: string) => void): Promise<void> {
  let next = 0;
  const errors: Error[] = [];
  const lane = async (): Promise<void> => {
    while (next < units.length && !signal.aborted && errors.length === 0) {
      const unit = units[next++] as ExperimentUnit;
      try {
        await runChild(argv, unit, signal, log);
      } catch (err) {
        errors.push(err as Error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, units.length) }, lane));
  if (signal.aborted) throw new Error('experiment interrupted; rerun the same command to resume');
  if (errors.length) throw errors[0] as Error;
}

export async function experiment(a: ExperimentArgs, signal: AbortSignal, log: (line: string) => void, argv: readonly string[] = []): Promise<ExperimentResult> {
  const manifest = await loadManifest(resolve(a.manifest), { generators: GENERATORS });
  const outDir = outDirOf(a, manifest.name);
  const available = tasksFor(onlySplit(manifest, 'train'), undefined);
  if (a.unit) {
    const unit = unitById(a.unit);
    const s = await settingsFor(a, outDir, available, 1, signal, log);
    await runUnit(unit, s, await loadProbeData(probeRequest(a, outDir)));
    return { outDir, units: [], markdown: '' };
  }
  const units = planUnits(a.rows, a.seeds);
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  log(`experiment: ${units.length} units (${units.map((u) => u.id).join(', ')}), preset ${a.preset}, ${a.steps} steps -> ${outDir}`);
  // Pretraining never sees the probe's test images: streams read the train split only.
  const pre = ['--manifest', a.manifest, '--preset', a.preset, '--out', join(outDir, 'shards'), '--seed', '0', '--epochs', String(a.epochs), '--split', 'train'];
  if (units.some((u) => u.row.tasks !== null)) await preprocess(parsePreprocessArgs(pre), signal, log);
  if (units.some((u) => u.row.harmonize)) await preprocess(parsePreprocessArgs([...pre, '--harmonize']), signal, log);
  const data = await loadProbeData(probeRequest(a, outDir));
  log(`experiment: probe on ${data.train.count} train images, test set ${data.testSource}`);
  const pending = units.filter((u) => !readUnitResult(outDir, u.id));
  const lanes = laneCount(a);
  if (lanes > 1 && pending.length > 1) {
    await runLanes(argv, pending, lanes, signal, log);
  } else {
    const threads = a['wasm-threads'] === 'auto' ? Math.min(2, availableParallelism()) : a['wasm-threads'];
    const s = await settingsFor(a, outDir, available, threads, signal, log);
    for (const u of pending) await runUnit(u, s, data);
  }
  const results = units.map((u) => readUnitResult(outDir, u.id)).filter((r): r is UnitResult => r !== null);
  return finish(a, outDir, manifest.name, results, data.test.count, data.testSource, available, (Date.now() - started) / 1000, log);
}

async function finish(
  a: ExperimentArgs, outDir: string, name: string, results: UnitResult[], testCount: number, testSource: string,
  available: readonly TaskName[], seconds: number, log: (l: string) => void,
): Promise<ExperimentResult> {
  const rows = summarize(results);
  const markdown = experimentMarkdown(rows, testCount);
  writeFileSync(join(outDir, 'table.md'), `${markdown}\n`);
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify({ args: a, testSource, seconds, rows, units: results }, null, 1)}\n`);
  const plot = curveSvg(results);
  const hasBaselines = rows.some((r) => r.row === 'random') && rows.some((r) => r.row === 'supervised');
  const comparison = hasBaselines ? compareToBaselines(rows.map((r) => ({ name: r.name, top1: r.linear.mean, top5: r.linearTop5.mean })), { testImages: testCount }) : undefined;
  const allRun = join(outDir, 'runs', 'all-s0');
  const report = await writeRunReport({
    outDir: join(outDir, 'report'),
    title: `mtssl experiment: ${name}, preset ${a.preset}, ${a.steps} steps`,
    ...(existsSync(join(allRun, METRICS_FILE)) ? { logFile: join(allRun, METRICS_FILE) } : {}),
    ...(comparison ? { comparison } : {}),
    ...(plot ? { extraPlots: [{ name: 'probe-curve', heading: 'Probe accuracy against samples seen', svg: plot }] } : {}),
    previews: available.map((t) => join(outDir, 'shards', 'previews', `${t}.png`)).filter((f) => existsSync(f)),
  });
  log(`\n${markdown}\n\nexperiment: ${(seconds / 60).toFixed(1)} min; test set ${testSource}; table ${join(outDir, 'table.md')}, report ${report.htmlFile}`);
  return { outDir, units: results, markdown };
}

export function parseExperimentArgs(argv: readonly string[]): ExperimentArgs {
  return parseFlags(argv, EXPERIMENT_FLAGS, schema, 'experiment');
}
