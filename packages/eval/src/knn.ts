// Weighted k-nearest-neighbour accuracy on frozen features, as InstDisc (Wu et al. 2018),
// solo-learn and lightly report it: features L2-normalised, cosine similarity to every train
// sample, the k most similar vote for their class with weight exp(sim / T). It needs no training,
// so it complements the linear probe as a second, optimiser-free reading of the same features.
import * as tf from '@tensorflow/tfjs-core';
import { OptionError, rejectUnknownKeys, requirePositiveInt } from '@mtssl/core';
import type { LabelledFeatures } from './linear-probe';

export interface KnnOptions {
  /** Neighbours that vote; capped at the train count. */
  readonly k: number;
  /** Vote weight exp(sim / temperature): smaller trusts the nearest neighbours more. */
  readonly temperature: number;
}

export const KNN_DEFAULTS: KnnOptions = Object.freeze({ k: 200, temperature: 0.1 });

export interface KnnScores {
  readonly top1: number;
  /** Trivially 1 when there are 5 classes or fewer: see top5Trivial. */
  readonly top5: number;
  readonly top5Trivial: boolean;
  /** Neighbours that voted: options.k capped at trainCount. */
  readonly k: number;
  readonly temperature: number;
  readonly numClasses: number;
  readonly trainCount: number;
  readonly testCount: number;
}

const KEYS = Object.keys(KNN_DEFAULTS);

export function resolveKnnOptions(partial: Partial<KnnOptions> = {}): KnnOptions {
  if (partial === null || typeof partial !== 'object') throw new OptionError(`knn options must be an object, got ${String(partial)}`);
  rejectUnknownKeys('knn options', partial, KEYS);
  const o = { ...KNN_DEFAULTS, ...partial };
  requirePositiveInt('k', o.k);
  if (typeof o.temperature !== 'number' || !Number.isFinite(o.temperature) || o.temperature <= 0) {
    throw new OptionError(`temperature must be a positive number, got ${String(o.temperature)}`);
  }
  return Object.freeze(o);
}

// Test rows compared with the whole train set at once: a [TEST_BLOCK, nTrain] similarity matrix
// (20 MB of float32 for CIFAR-10's 40,000 train rows) is the largest tensor kNN makes.
const TEST_BLOCK = 128;

function checkSet(name: string, set: LabelledFeatures, dim: number, numClasses: number): void {
  if (set.labels.length === 0) throw new Error(`knn: the ${name} set is empty`);
  if (set.x.length !== set.labels.length * dim) {
    throw new Error(`knn: ${name} features have ${set.x.length} values, expected ${set.labels.length} x ${dim}`);
  }
  for (const label of set.labels) {
    if (label < 0 || label >= numClasses) throw new Error(`knn: ${name} label ${label} outside 0..${numClasses - 1}`);
  }
}

/**
 * Rows scaled to unit L2 norm (an all-zero row stays zero: similarity 0 to everything), as [n, dim], or
 * as [dim, n] when `transposed`: tfjs-wasm's matMul is several times slower when it transposes B itself.
 */
function normalisedRows(name: string, set: LabelledFeatures, dim: number, transposed = false): Float32Array {
  const n = set.labels.length;
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = i * dim, end = d + dim; d < end; d++) s += (set.x[d] as number) * (set.x[d] as number);
    // NaN or Infinity would silently never be a neighbour; say so instead.
    if (!Number.isFinite(s)) throw new Error(`knn: ${name} feature row ${i} has a non-finite value`);
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dim; d++) out[transposed ? d * n + i : i * dim + d] = (set.x[i * dim + d] as number) * inv;
  }
  return out;
}

/**
 * The k most similar train rows of each test row in [from, from + rows): one matMul and one topk on
 * the active tfjs backend (XNNPACK's SIMD GEMM on wasm), read back as similarities and indices.
 */
function nearest(trainT: tf.Tensor2D, test: Float32Array, from: number, rows: number, dim: number, k: number): { sims: Float32Array; idx: Int32Array } {
  return tf.tidy(() => {
    const block = tf.tensor2d(test.subarray(from * dim, (from + rows) * dim), [rows, dim]);
    const { values, indices } = tf.topk(tf.matMul(block, trainT), k, true);
    return { sims: values.dataSync() as Float32Array, idx: indices.dataSync() as Int32Array };
  });
}

/**
 * Rank of the true class (0 = best) by summed vote weight, ties broken by class index as in
 * topKAccuracy. A class no neighbour voted for never counts as a hit, so with few voting classes
 * a tie at weight 0 cannot slip the true class into the top 5.
 */
function rankOfTrue(votes: Float64Array, voted: Uint8Array, label: number): number {
  if (voted[label] === 0) return Number.POSITIVE_INFINITY;
  const target = votes[label] as number;
  let rank = 0;
  for (let c = 0; c < votes.length; c++) {
    if (voted[c] === 0) continue;
    const s = votes[c] as number;
    if (s > target || (s === target && c < label)) rank++;
  }
  return rank;
}

/**
 * Weighted kNN top-1/top-5 of `test` against `train`: cosine similarities and the k nearest per test
 * row on the active tfjs backend in blocks of test rows, the class votes in JS. Disposes what it makes.
 */
export function knnAccuracy(
  train: LabelledFeatures,
  test: LabelledFeatures,
  dim: number,
  numClasses: number,
  options: Partial<KnnOptions> = {},
): KnnScores {
  const o = resolveKnnOptions(options);
  requirePositiveInt('dim', dim);
  if (!Number.isInteger(numClasses) || numClasses < 2) throw new OptionError(`knn needs at least 2 classes, got ${numClasses}`);
  checkSet('train', train, dim, numClasses);
  checkSet('test', test, dim, numClasses);
  const nTrain = train.labels.length;
  const nTest = test.labels.length;
  const k = Math.min(o.k, nTrain);
  const trainT = tf.tensor2d(normalisedRows('train', train, dim, true), [dim, nTrain]);
  const testRows = normalisedRows('test', test, dim);
  const votes = new Float64Array(numClasses);
  const voted = new Uint8Array(numClasses);
  let hits1 = 0;
  let hits5 = 0;
  try {
    for (let tb = 0; tb < nTest; tb += TEST_BLOCK) {
      const rows = Math.min(TEST_BLOCK, nTest - tb);
      const { sims, idx } = nearest(trainT, testRows, tb, rows, dim, k);
      for (let r = 0; r < rows; r++) {
        const base = r * k;
        // Weights are exp((sim - max) / T): the same ranking as exp(sim / T) without overflow at
        // small T; topk sorts, so the first is the largest.
        const max = sims[base] as number;
        votes.fill(0);
        voted.fill(0);
        for (let e = 0; e < k; e++) {
          const c = train.labels[idx[base + e] as number] as number;
          votes[c] = (votes[c] as number) + Math.exp(((sims[base + e] as number) - max) / o.temperature);
          voted[c] = 1;
        }
        const rank = rankOfTrue(votes, voted, test.labels[tb + r] as number);
        if (rank < 1) hits1++;
        if (rank < 5) hits5++;
      }
    }
  } finally {
    trainT.dispose();
  }

  const top5Trivial = numClasses <= 5;
  return {
    top1: hits1 / nTest,
    top5: top5Trivial ? 1 : hits5 / nTest,
    top5Trivial,
    k,
    temperature: o.temperature,
    numClasses,
    trainCount: nTrain,
    testCount: nTest,
  };
}
