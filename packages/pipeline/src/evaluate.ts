// `evaluate`: linear probe of a trained trunk on a labelled manifest, optionally against the random-init
// and supervised baselines, written as JSON and as the run's HTML report.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareToBaselines, Comparison, comparisonMarkdown, writeRunReport } from '@mtssl/eval';
import { selectBackend } from '@mtssl/tfjs-wasm-training';
import { loadTrunk } from '@mtssl/trainer';
import { RETRIEVAL, RetrievalFigure, retrievalFigure } from './eval-retrieval';
import { baselineRows, probeRow, probeTrunk, ProbeRow } from './eval-probe';
import { defaultPreviews, previewsIn, runInputSize } from './eval-run';
import { EvaluateInput, resolveEvaluateOptions } from './evaluate-options';
import { readManifest } from './manifest';
import { METRICS_FILE } from '@mtssl/contracts';

export interface EvaluateResult {
  /** `<run>/eval`: probe.json, neighbours.png and the report. */
  readonly outDir: string;
  readonly rows: readonly ProbeRow[];
  readonly comparison?: Comparison;
  readonly reportFile: string;
}

function logNeighbours(neighbours: RetrievalFigure, log: (line: string) => void): void {
  const share = (n: string) => `${(100 * (neighbours.sameClass[n] ?? 0)).toFixed(0)}%`;
  log(`eval: nearest neighbours of ${RETRIEVAL.queries} held-out images among ${RETRIEVAL.gallery} training images: ${share('this run')} share the query's class under this run, ${share('random init')} under random init -> ${neighbours.file}`);
}

export async function evaluate(given: EvaluateInput, _signal: AbortSignal, log: (line: string) => void): Promise<EvaluateResult> {
  const o = resolveEvaluateOptions(given);
  const runDir = resolve(o.checkpoint);
  if (!existsSync(runDir)) throw new Error(`--checkpoint ${o.checkpoint}: no such folder (train first: npx nx run train)`);
  const choice = await selectBackend(o.backend, { threads: o.wasmThreads === 'auto' ? 1 : o.wasmThreads, winograd: o.winograd, log });
  log(`eval: backend ${choice.name}`);
  // listed once for the probes, the baselines and the neighbour figure
  const manifest = await readManifest(o.manifest);
  const cacheDir = resolve(o.cache);
  const trunk = await loadTrunk(runDir);
  const inputSize = o.inputSize ?? (await runInputSize(runDir, log));
  const alphas = trunk.lassoAlphas();
  const baselines = o.baselines ? await baselineRows(trunk, manifest, inputSize, o.seed, cacheDir, log) : [];
  const outDir = join(runDir, 'eval');
  mkdirSync(outDir, { recursive: true });
  // before the probe, which disposes the trunk
  const neighbours = await retrievalFigure(trunk, manifest, inputSize, o.seed, outDir);
  const testManifest = o.testManifest ? resolve(o.testManifest) : undefined;
  const result = await probeTrunk(trunk, runDir, manifest, inputSize, cacheDir, testManifest);
  const name = `pretrained (${runDir.split('/').pop()})`;
  const knn = result.knn ? `; kNN (k ${result.knn.k}, T ${result.knn.temperature}) top-1 ${(100 * result.knn.top1).toFixed(1)}%` : '';
  log(`${name}: top-1 ${(100 * result.top1).toFixed(1)}%, top-2 ${(100 * result.top2).toFixed(1)}%, top-5 ${(100 * result.top5).toFixed(1)}% on ${result.testCount} test images of ${result.testManifest}${knn}`);
  const rows = [probeRow(name, result), ...baselines];
  writeFileSync(join(outDir, 'probe.json'), `${JSON.stringify(rows, null, 2)}\n`);
  const comparison = baselines.length ? compareToBaselines(rows, { testImages: result.testCount }) : undefined;
  if (comparison) log(`\n${comparisonMarkdown(comparison)}`);
  if (neighbours) logNeighbours(neighbours, log);
  const previews = o.previews ? previewsIn(o.previews) : await defaultPreviews(runDir);
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
  return { outDir, rows, ...(comparison ? { comparison } : {}), reportFile: report.htmlFile };
}
