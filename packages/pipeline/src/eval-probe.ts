// The probes `evaluate` runs: a trunk's linear probe, and the random-init and supervised baselines
// beside it.
import { loadManifest, ResolvedManifest } from '@mtssl/core';
import { ComparisonRow, LinearProbeResult, runLinearProbe, trainSupervisedOnManifest, trunkExtractor, weightsDigest } from '@mtssl/eval';
import { createTrunk, Trunk } from '@mtssl/trainer';
import { GENERATORS } from './registry';

export interface ProbeRow extends ComparisonRow {
  readonly result: LinearProbeResult;
}

export function probeRow(name: string, result: LinearProbeResult): ProbeRow {
  return { name, top1: result.top1, top5: result.top5, top2: result.top2, result };
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
    return [probeRow('random init', random), probeRow('supervised', result)];
  } finally {
    extractor.dispose();
  }
}
