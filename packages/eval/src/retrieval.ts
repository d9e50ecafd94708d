// Nearest-neighbour retrieval, what people look at first in self-supervised work: for a few held-out
// query images, the closest training images under each trunk's pooled features (cosine), one row per
// query, trunks side by side (e.g. the run and random init), with how often a neighbour shares the class.
import * as tf from '@tensorflow/tfjs-core';
import { OptionError, SheetTile, writeContactSheet } from '@mtssl/core';
import type { FeatureExtractor } from './extractor';
import { extractFromPixels } from './features';
import { pixelsAsInput, type PixelSet } from './pixel-set';

export interface RetrievalInput {
  readonly queries: PixelSet;
  readonly gallery: PixelSet;
  readonly labelNames: readonly string[];
  readonly extractors: ReadonlyArray<{ readonly name: string; readonly extractor: FeatureExtractor }>;
  /** Neighbours shown per query and trunk. */
  readonly k: number;
}

export interface RetrievalResult {
  /** neighbours[trunk][query] = gallery indices, nearest first. */
  readonly neighbours: Readonly<Record<string, readonly (readonly number[])[]>>;
  /** Per trunk, the fraction of shown neighbours whose class is the query's. */
  readonly sameClass: Readonly<Record<string, number>>;
}

/** Features of a uint8 pixel set in batches (NHWC floats in [-1, 1]). */
function featuresOf(extractor: FeatureExtractor, set: PixelSet, batch = 256): Float32Array {
  const out = new Float32Array(set.count * extractor.featureDim);
  for (let start = 0; start < set.count; start += batch) {
    const n = Math.min(batch, set.count - start);
    out.set(extractFromPixels(extractor, pixelsAsInput(set, start, n), n), start * extractor.featureDim);
  }
  return out;
}

/** For each query row, the k gallery rows of highest cosine similarity, nearest first. */
export function nearestByCosine(queries: Float32Array, gallery: Float32Array, dim: number, k: number): number[][] {
  const nq = queries.length / dim;
  const ng = gallery.length / dim;
  if (!Number.isInteger(nq) || !Number.isInteger(ng)) throw new OptionError(`nearestByCosine: feature arrays are not multiples of dim ${dim}`);
  const sims = tf.tidy(() => {
    const unit = (x: tf.Tensor2D) => tf.div(x, tf.add(tf.norm(x, 'euclidean', 1, true), 1e-12));
    return tf.matMul(unit(tf.tensor2d(queries, [nq, dim])), unit(tf.tensor2d(gallery, [ng, dim])), false, true);
  });
  const values = sims.dataSync() as Float32Array;
  sims.dispose();
  return Array.from({ length: nq }, (_, q) => {
    const row = values.subarray(q * ng, (q + 1) * ng);
    return Array.from({ length: ng }, (_, i) => i)
      .sort((a, b) => (row[b] as number) - (row[a] as number) || a - b)
      .slice(0, Math.min(k, ng));
  });
}

function tile(set: PixelSet, i: number, caption: string): SheetTile {
  const per = set.size * set.size * 3;
  return { data: set.pixels.subarray(i * per, (i + 1) * per), width: set.size, height: set.size, channels: 3, caption };
}

/** Computes the neighbours and writes the sheet: query | k neighbours per trunk, trunks left to right. */
export async function writeRetrievalSheet(file: string, input: RetrievalInput): Promise<RetrievalResult> {
  if (!Number.isInteger(input.k) || input.k < 1) throw new OptionError(`k must be a positive integer, got ${input.k}`);
  if (input.extractors.length === 0) throw new OptionError('retrieval needs at least one extractor');
  if (input.queries.size !== input.gallery.size) throw new OptionError(`queries are ${input.queries.size} px but the gallery is ${input.gallery.size} px`);
  const neighbours: Record<string, number[][]> = {};
  const sameClass: Record<string, number> = {};
  for (const { name, extractor } of input.extractors) {
    const nn = nearestByCosine(featuresOf(extractor, input.queries), featuresOf(extractor, input.gallery), extractor.featureDim, input.k);
    neighbours[name] = nn;
    const hits = nn.flatMap((list, q) => list.map((g) => (input.gallery.labels[g] === input.queries.labels[q] ? 1 : 0)));
    sameClass[name] = hits.reduce((a: number, b: number) => a + b, 0) / Math.max(1, hits.length);
  }
  const label = (set: PixelSet, i: number): string => input.labelNames[set.labels[i] as number] ?? String(set.labels[i]);
  const rows = Array.from({ length: input.queries.count }, (_, q) => [
    tile(input.queries, q, `query: ${label(input.queries, q)}`),
    ...input.extractors.flatMap(({ name }) => (neighbours[name]?.[q] ?? []).map((g, r) => tile(input.gallery, g, `${r === 0 ? `${name}: ` : ''}${label(input.gallery, g)}`))),
  ]);
  const scale = Math.max(1, Math.round(64 / input.queries.size));
  await writeContactSheet(file, rows, { scale, title: `nearest training images (cosine, pooled block 3): query | ${input.extractors.map((e) => `${input.k} for ${e.name}`).join(' | ')}` });
  return { neighbours, sameClass };
}
