// The report's nearest-neighbour figure: a few held-out images (one a class, up to 8) searched among a
// seeded per-class sample of the training images, under the run's trunk and under a random-init trunk
// of the same architecture, side by side.
import { join } from 'node:path';
import type { ResolvedManifest } from '@mtssl/core';
import { labelledFiles, loadPixelSet, perClassIndices, trunkExtractor, writeRetrievalSheet, type RetrievalResult } from '@mtssl/eval';
import { createTrunk, type Trunk } from '@mtssl/trainer';

export const RETRIEVAL = Object.freeze({ queries: 8, gallery: 2000, k: 5 });

export interface RetrievalFigure extends RetrievalResult {
  readonly file: string;
}

/** Writes `<outDir>/neighbours.png`; null when the manifest has no labelled test images to query with. */
export async function retrievalFigure(trunk: Trunk, manifest: ResolvedManifest, inputSize: number, seed: number, outDir: string): Promise<RetrievalFigure | null> {
  const train = labelledFiles(manifest, 'train');
  const test = labelledFiles(manifest, 'test');
  if (test.files.length === 0 || train.files.length === 0) return null;
  const classes = manifest.labels.length;
  const q = perClassIndices(test.labels, 1, seed, 'retrieval-queries').slice(0, RETRIEVAL.queries);
  const g = perClassIndices(train.labels, Math.ceil(RETRIEVAL.gallery / classes), seed, 'retrieval-gallery');
  const pick = (set: typeof train, idx: number[]) => loadPixelSet(idx.map((i) => set.files[i] as string), Int32Array.from(idx, (i) => set.labels[i] as number), inputSize);
  const [queries, gallery] = [await pick(test, q), await pick(train, g)];
  const random = createTrunk('cpu', seed, trunk.options);
  const randomExtractor = trunkExtractor(random, { id: 'random', inputSize });
  try {
    const file = join(outDir, 'neighbours.png');
    const result = await writeRetrievalSheet(file, {
      queries, gallery, labelNames: manifest.labels, k: RETRIEVAL.k,
      // the run's extractor is not disposed here: it would dispose the caller's trunk
      extractors: [{ name: 'this run', extractor: trunkExtractor(trunk, { id: 'run', inputSize }) }, { name: 'random init', extractor: randomExtractor }],
    });
    return { file, ...result };
  } finally {
    randomExtractor.dispose();
  }
}
