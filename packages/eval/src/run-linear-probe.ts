// The evaluation entry the CLI wires to `nx run eval`: features of a manifest's labelled images
// from a frozen extractor (cached on disk), then the linear probe.
import { loadManifest, OptionError, type ResolvedManifest } from '@mtssl/core';
import type { FeatureExtractor } from './extractor';
import { computeFeatures } from './features';
import { labelledFiles, checkProbeManifest } from './labelled-set';
import { probeFeatures, type ProbeScores } from './linear-probe';
import { resolveProbeOptions, type ProbeOptions } from './probe-options';

export interface LinearProbeRequest {
  readonly extractor: FeatureExtractor;
  /** A resolved manifest, or give manifestFile. */
  readonly manifest?: ResolvedManifest;
  readonly manifestFile?: string;
  /** Feature cache folder; omit to compute features every time. */
  readonly cacheDir?: string;
  readonly options?: Partial<ProbeOptions>;
}

export interface LinearProbeResult extends ProbeScores {
  readonly manifest: string;
  readonly labels: readonly string[];
  readonly extractorId: string;
  readonly featureDim: number;
  readonly inputSize: number;
  readonly options: ProbeOptions;
  readonly featuresFromCache: boolean;
  readonly timing: { readonly featuresMs: number; readonly probeMs: number; readonly totalMs: number };
}

async function resolveManifest(req: LinearProbeRequest): Promise<ResolvedManifest> {
  if (req.manifest && req.manifestFile) throw new OptionError('give either manifest or manifestFile, not both');
  if (req.manifest) return req.manifest;
  if (typeof req.manifestFile === 'string' && req.manifestFile.length > 0) return loadManifest(req.manifestFile);
  throw new OptionError('runLinearProbe needs manifest or manifestFile');
}

export async function runLinearProbe(req: LinearProbeRequest): Promise<LinearProbeResult> {
  const t0 = performance.now();
  const options = resolveProbeOptions(req.options);
  const manifest = await resolveManifest(req);
  checkProbeManifest(manifest);
  const train = labelledFiles(manifest, 'train');
  const test = labelledFiles(manifest, 'test');
  const feats = await computeFeatures({
    extractor: req.extractor,
    files: [...train.files, ...test.files],
    batchSize: options.batchSize,
    cacheDir: req.cacheDir ?? null,
    manifest: manifest.file,
  });
  const t1 = performance.now();
  const dim = feats.featureDim;
  const split = train.files.length * dim;
  const fit = probeFeatures(
    { x: feats.data.subarray(0, split), labels: train.labels },
    { x: feats.data.subarray(split), labels: test.labels },
    dim,
    manifest.labels.length,
    options,
  );
  const t2 = performance.now();
  return {
    ...fit.scores,
    manifest: manifest.file,
    labels: manifest.labels,
    extractorId: req.extractor.id,
    featureDim: dim,
    inputSize: req.extractor.inputSize,
    options,
    featuresFromCache: feats.fromCache,
    timing: { featuresMs: t1 - t0, probeMs: t2 - t1, totalMs: t2 - t0 },
  };
}
