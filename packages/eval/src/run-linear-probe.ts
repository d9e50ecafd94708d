// The evaluation entry the CLI wires to `nx run eval`: features of a manifest's labelled images
// from a frozen extractor (cached on disk), then the linear probe and a weighted kNN on them.
import { loadManifest, OptionError, type ResolvedManifest } from '@mtssl/core';
import type { FeatureExtractor } from './extractor';
import { computeFeatures } from './features';
import { knnAccuracy, resolveKnnOptions, type KnnOptions, type KnnScores } from './knn';
import { checkProbeManifest, externalTestFiles, labelledFiles, type LabelledFiles } from './labelled-set';
import { probeFeatures, type ProbeScores } from './linear-probe';
import { resolveProbeOptions, type ProbeOptions } from './probe-options';

export interface LinearProbeRequest {
  readonly extractor: FeatureExtractor;
  /** A resolved manifest, or give manifestFile. */
  readonly manifest?: ResolvedManifest;
  readonly manifestFile?: string;
  /**
   * A separate labelled test set (or give testManifestFile): the probe then trains on the whole
   * train split of `manifest` and tests on every labelled image here, whatever its split.
   * Omit both to test on the test split of `manifest`.
   */
  readonly testManifest?: ResolvedManifest;
  readonly testManifestFile?: string;
  /** Feature cache folder; omit to compute features every time. */
  readonly cacheDir?: string;
  readonly options?: Partial<ProbeOptions>;
  /** kNN options over the same features, or false to skip the kNN. */
  readonly knn?: Partial<KnnOptions> | false;
}

export interface LinearProbeResult extends ProbeScores {
  readonly manifest: string;
  /** The manifest the test images came from: `manifest` itself (its test split) unless a test manifest was given. */
  readonly testManifest: string;
  readonly labels: readonly string[];
  readonly extractorId: string;
  readonly featureDim: number;
  readonly inputSize: number;
  readonly options: ProbeOptions;
  /** Weighted kNN on the same (unstandardised) features; null when the request set knn: false. */
  readonly knn: KnnScores | null;
  readonly featuresFromCache: boolean;
  readonly timing: { readonly featuresMs: number; readonly probeMs: number; readonly knnMs: number; readonly totalMs: number };
}

async function resolveEither(
  given: ResolvedManifest | undefined,
  file: string | undefined,
  names: readonly [string, string],
): Promise<ResolvedManifest | undefined> {
  if (given && file) throw new OptionError(`give either ${names[0]} or ${names[1]}, not both`);
  if (given) return given;
  if (typeof file === 'string' && file.length > 0) return loadManifest(file);
  return undefined;
}

async function resolveManifest(req: LinearProbeRequest): Promise<ResolvedManifest> {
  const manifest = await resolveEither(req.manifest, req.manifestFile, ['manifest', 'manifestFile']);
  if (!manifest) throw new OptionError('runLinearProbe needs manifest or manifestFile');
  return manifest;
}

export async function runLinearProbe(req: LinearProbeRequest): Promise<LinearProbeResult> {
  const t0 = performance.now();
  const options = resolveProbeOptions(req.options);
  const knnOptions = req.knn === false ? null : resolveKnnOptions(req.knn);
  const manifest = await resolveManifest(req);
  const testManifest = await resolveEither(req.testManifest, req.testManifestFile, ['testManifest', 'testManifestFile']);
  checkProbeManifest(manifest, testManifest ? ['train'] : ['train', 'test']);
  const train = labelledFiles(manifest, 'train');
  const test: LabelledFiles = testManifest ? externalTestFiles(manifest, testManifest) : labelledFiles(manifest, 'test');
  const feats = await computeFeatures({
    extractor: req.extractor,
    files: [...train.files, ...test.files],
    batchSize: options.batchSize,
    cacheDir: req.cacheDir ?? null,
    manifest: testManifest ? `${manifest.file} (test: ${testManifest.file})` : manifest.file,
  });
  const t1 = performance.now();
  const dim = feats.featureDim;
  const split = train.files.length * dim;
  const trainSet = { x: feats.data.subarray(0, split), labels: train.labels };
  const testSet = { x: feats.data.subarray(split), labels: test.labels };
  const numClasses = manifest.labels.length;
  const fit = probeFeatures(trainSet, testSet, dim, numClasses, options);
  const t2 = performance.now();
  const knn = knnOptions ? knnAccuracy(trainSet, testSet, dim, numClasses, knnOptions) : null;
  const t3 = performance.now();
  return {
    ...fit.scores,
    manifest: manifest.file,
    testManifest: (testManifest ?? manifest).file,
    labels: manifest.labels,
    extractorId: req.extractor.id,
    featureDim: dim,
    inputSize: req.extractor.inputSize,
    options,
    knn,
    featuresFromCache: feats.fromCache,
    timing: { featuresMs: t1 - t0, probeMs: t2 - t1, knnMs: t3 - t2, totalMs: t3 - t0 },
  };
}
