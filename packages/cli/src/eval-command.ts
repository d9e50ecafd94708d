// `mtssl eval`: linear probe of a trained trunk on a labelled manifest, optionally against the
// random-init and supervised baselines, written as JSON and as the run's HTML report.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { loadManifest, PRESET_INPUT_SIZE, type ResolvedManifest } from '@mtssl/core';
import {
  compareToBaselines,
  comparisonMarkdown,
  ComparisonRow,
  LinearProbeResult,
  runLinearProbe,
  trainSupervisedOnManifest,
  trunkExtractor,
  weightsDigest,
  writeRunReport,
} from '@mtssl/eval';
import { BACKEND_PREFERENCES, selectBackend } from '@mtssl/tfjs-wasm-training';
import { createTrunk, loadTrunk, METRICS_FILE, readRunConfig, Trunk } from '@mtssl/trainer';
import { intFlag, parseFlags, wasmThreadsFlag } from './args';
import { GENERATORS } from './registry';
import { RETRIEVAL, retrievalFigure } from './eval-retrieval';

export const EVAL_FLAGS = {
  checkpoint: { type: 'string' },
  manifest: { type: 'string' },
  'test-manifest': { type: 'string' },
  'input-size': { type: 'string' },
  baselines: { type: 'boolean' },
  previews: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  'wasm-threads': { type: 'string' },
  'no-winograd': { type: 'boolean' },
  cache: { type: 'string' },
} as const;

const schema = z
  .object({
    checkpoint: z.string({ message: 'is required: a run folder (or checkpoint folder) written by train' }),
    manifest: z.string().default('data-manifests/default.json'),
    'test-manifest': z.string().optional(),
    'input-size': intFlag(8).optional(),
    baselines: z.boolean().default(false),
    previews: z.string().optional(),
    seed: intFlag(0).default(0),
    backend: z.enum(BACKEND_PREFERENCES).default('auto'),
    'wasm-threads': wasmThreadsFlag,
    'no-winograd': z.boolean().default(false),
    cache: z.string().default('.cache/features'),
  })
  .strict();

export type EvalArgs = z.infer<typeof schema>;

export interface ProbeRow extends ComparisonRow {
  readonly result: LinearProbeResult;
}

function row(name: string, result: LinearProbeResult): ProbeRow {
  return { name, top1: result.top1, top5: result.top5, top2: result.top2, result };
}

/** The image side the run was trained on, from its checkpoint's preset (64 when the run does not say). */
export async function runInputSize(runDir: string, log: (line: string) => void): Promise<number> {
  const preset = (await readRunConfig(runDir))?.preset;
  const size = preset !== undefined && preset in PRESET_INPUT_SIZE ? PRESET_INPUT_SIZE[preset as keyof typeof PRESET_INPUT_SIZE] : undefined;
  log(size === undefined ? 'eval: input size 64 (the run names no preset; --input-size to change)' : `eval: input size ${size} (the run's ${String(preset)} preset)`);
  return size ?? 64;
}

/** Probes one trunk; the trunk is disposed afterwards. */
export async function probeTrunk(trunk: Trunk, label: string, manifest: ResolvedManifest, inputSize: number, cacheDir: string, testManifestFile?: string): Promise<LinearProbeResult> {
  const testManifest = testManifestFile ? await loadManifest(testManifestFile, { generators: GENERATORS }) : undefined;
  const extractor = trunkExtractor(trunk, { id: `${label}:${weightsDigest(trunk.variables)}`, inputSize });
  try {
    return await runLinearProbe({ extractor, manifest, cacheDir, ...(testManifest ? { testManifest } : {}) });
  } finally {
    extractor.dispose();
  }
}

/** The random-init and supervised rows, with the same trunk shape as `like`. */
export async function baselineRows(
  like: Trunk,
  manifest: ResolvedManifest,
  inputSize: number,
  seed: number,
  cacheDir: string,
  log: (l: string) => void,
  supervisedEpochs?: number,
): Promise<ProbeRow[]> {
  const preset = { ...like.options, lasso: false };
  const random = await probeTrunk(createTrunk('cpu', seed, preset), 'random-init', manifest, inputSize, cacheDir);
  log(`random init: top-1 ${(100 * random.top1).toFixed(1)}%`);
  const trunk = createTrunk('cpu', seed, preset);
  const extractor = trunkExtractor(trunk, { id: `supervised-start:${seed}`, inputSize });
  log(`supervised ceiling: training the trunk with labels on the train split${supervisedEpochs ? ` for ${supervisedEpochs} epochs` : ''}`);
  const supervised = await trainSupervisedOnManifest(extractor, manifest, { seed, ...(supervisedEpochs ? { epochs: supervisedEpochs } : {}) });
  try {
    const result = await runLinearProbe({ extractor: supervised.extractor, manifest, cacheDir });
    log(`supervised: top-1 ${(100 * result.top1).toFixed(1)}%`);
    return [row('random init', random), row('supervised', result)];
  } finally {
    extractor.dispose();
  }
}

/**
 * The preview sheets of the shards the run trained on (preprocess writes `<shards>/previews/<dataset>.png`
 * beside each dataset folder the run's state records), plus any PNG in `<run>/previews`.
 */
export async function defaultPreviews(runDir: string): Promise<string[]> {
  const datasets = Object.values((await readRunConfig(runDir))?.datasets ?? {}).filter((d) => d.startsWith('/'));
  const fromShards = datasets.map((d) => join(dirname(d), 'previews', `${basename(d)}.png`));
  const own = join(runDir, 'previews');
  const extra = existsSync(own) ? readdirSync(own).filter((f) => f.endsWith('.png')).map((f) => join(own, f)) : [];
  return [...new Set([...fromShards, ...extra])].filter((f) => existsSync(f));
}

export async function evalCommand(argv: readonly string[], _signal: AbortSignal, log: (line: string) => void): Promise<void> {
  const a = parseFlags(argv, EVAL_FLAGS, schema, 'eval');
  const runDir = resolve(a.checkpoint);
  if (!existsSync(runDir)) throw new Error(`--checkpoint ${a.checkpoint}: no such folder (train first: npx nx run train)`);
  const choice = await selectBackend(a.backend, { threads: a['wasm-threads'] === 'auto' ? 1 : a['wasm-threads'], winograd: !a['no-winograd'], log });
  log(`eval: backend ${choice.name}`);
  // listed once for the probes, the baselines and the neighbour figure
  const manifest = await loadManifest(resolve(a.manifest), { generators: GENERATORS });
  const cacheDir = resolve(a.cache);
  const trunk = await loadTrunk(runDir);
  const inputSize = a['input-size'] ?? (await runInputSize(runDir, log));
  const alphas = trunk.lassoAlphas();
  const baselines = a.baselines ? await baselineRows(trunk, manifest, inputSize, a.seed, cacheDir, log) : [];
  const outDir = join(runDir, 'eval');
  mkdirSync(outDir, { recursive: true });
  // before the probe, which disposes the trunk
  const neighbours = await retrievalFigure(trunk, manifest, inputSize, a.seed, outDir);
  const testManifest = a['test-manifest'] ? resolve(a['test-manifest']) : undefined;
  const result = await probeTrunk(trunk, runDir, manifest, inputSize, cacheDir, testManifest);
  const name = `pretrained (${runDir.split('/').pop()})`;
  const knn = result.knn ? `; kNN (k ${result.knn.k}, T ${result.knn.temperature}) top-1 ${(100 * result.knn.top1).toFixed(1)}%` : '';
  log(`${name}: top-1 ${(100 * result.top1).toFixed(1)}%, top-2 ${(100 * result.top2).toFixed(1)}%, top-5 ${(100 * result.top5).toFixed(1)}% on ${result.testCount} test images of ${result.testManifest}${knn}`);
  const rows = [row(name, result), ...baselines];
  writeFileSync(join(outDir, 'probe.json'), `${JSON.stringify(rows, null, 2)}\n`);
  const comparison = baselines.length ? compareToBaselines(rows, { testImages: result.testCount }) : undefined;
  if (comparison) log(`\n${comparisonMarkdown(comparison)}`);
  if (neighbours) {
    const share = (n: string) => `${(100 * (neighbours.sameClass[n] ?? 0)).toFixed(0)}%`;
    log(`eval: nearest neighbours of ${RETRIEVAL.queries} held-out images among ${RETRIEVAL.gallery} training images: ${share('this run')} share the query's class under this run, ${share('random init')} under random init -> ${neighbours.file}`);
  }
  const previews = a.previews ? readdirSync(a.previews).filter((f) => f.endsWith('.png')).map((f) => join(a.previews as string, f)) : await defaultPreviews(runDir);
  const report = await writeRunReport({
    outDir,
    title: `mtssl run ${runDir}`,
    ...(existsSync(join(runDir, METRICS_FILE)) ? { logFile: join(runDir, METRICS_FILE) } : {}),
    ...(alphas ? { lasso: { tasks: Object.keys(alphas), alpha: Object.values(alphas) } } : {}),
    ...(comparison ? { comparison } : {}),
    previews,
    ...(neighbours ? { figures: [{ heading: 'Nearest training images: this run | random init', file: neighbours.file, caption: `${RETRIEVAL.k} nearest of ${RETRIEVAL.gallery} training images by cosine similarity of pooled block-3 features` }] } : {}),
  });
  log(`eval: report ${report.htmlFile}`);
}
