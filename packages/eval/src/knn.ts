// Weighted k-nearest-neighbour accuracy on frozen features, as InstDisc (Wu et al. 2018),
// solo-learn and lightly report it: features L2-normalised, cosine similarity to every train
// sample, the k most similar vote for their class with weight exp(sim / T). It needs no training,
// so it complements the linear probe as a second, optimiser-free reading of the same features.
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

// Test rows per block, a multiple of the kernel's 4.
const TEST_BLOCK = 64;
// Train rows per tile, a multiple of 4 sized so a tile of doubles is about 512 KiB: it stays in
// L2 while every row of the test block is compared with it (256 rows at 256 dims).
const TILE_VALUES = 65536;
const MAX_TILE_ROWS = 1024;

function trainTileRows(dim: number): number {
  return Math.min(MAX_TILE_ROWS, Math.max(4, Math.floor(TILE_VALUES / dim) & ~3));
}

function checkSet(name: string, set: LabelledFeatures, dim: number, numClasses: number): void {
  if (set.labels.length === 0) throw new Error(`knn: the ${name} set is empty`);
  if (set.x.length !== set.labels.length * dim) {
    throw new Error(`knn: ${name} features have ${set.x.length} values, expected ${set.labels.length} x ${dim}`);
  }
  for (const label of set.labels) {
    if (label < 0 || label >= numClasses) throw new Error(`knn: ${name} label ${label} outside 0..${numClasses - 1}`);
  }
}

/** 1 / L2 norm per row (0 for an all-zero row, which then has similarity 0 to everything). */
function inverseNorms(name: string, set: LabelledFeatures, dim: number): Float64Array {
  const n = set.labels.length;
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = i * dim, end = d + dim; d < end; d++) s += (set.x[d] as number) * (set.x[d] as number);
    // NaN or Infinity would silently never be a neighbour; say so instead.
    if (!Number.isFinite(s)) throw new Error(`knn: ${name} feature row ${i} has a non-finite value`);
    inv[i] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  return inv;
}

/** Normalised rows [from, to) of `x` into `out` as doubles (no float32 conversion in the kernel), zero-padded. */
function fillNormalised(x: Float32Array, inv: Float64Array, from: number, to: number, dim: number, out: Float64Array): void {
  for (let i = from; i < to; i++) {
    const s = inv[i] as number;
    const src = i * dim;
    const dst = (i - from) * dim;
    for (let d = 0; d < dim; d++) out[dst + d] = (x[src + d] as number) * s;
  }
  out.fill(0, (to - from) * dim);
}

/**
 * sims[r * trainRows + c] = <test row r, train row c>, 4 test rows x 4 train rows at a time: each
 * loaded value feeds 4 products, which measured 2-4 times the plain-JS throughput of one dot
 * product at a time. testRows and trainRows are multiples of 4 (the buffers are zero-padded).
 */
function blockDots(test: Float64Array, testRows: number, train: Float64Array, trainRows: number, dim: number, sims: Float64Array): void {
  for (let r = 0; r < testRows; r += 4) {
    const a0 = r * dim;
    const a1 = a0 + dim;
    const a2 = a1 + dim;
    const a3 = a2 + dim;
    for (let c = 0; c < trainRows; c += 4) {
      const b0 = c * dim;
      const b1 = b0 + dim;
      const b2 = b1 + dim;
      const b3 = b2 + dim;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let d = 0; d < dim; d++) {
        const v0 = train[b0 + d] as number;
        const v1 = train[b1 + d] as number;
        const v2 = train[b2 + d] as number;
        const v3 = train[b3 + d] as number;
        let x = test[a0 + d] as number;
        s00 += x * v0;
        s01 += x * v1;
        s02 += x * v2;
        s03 += x * v3;
        x = test[a1 + d] as number;
        s10 += x * v0;
        s11 += x * v1;
        s12 += x * v2;
        s13 += x * v3;
        x = test[a2 + d] as number;
        s20 += x * v0;
        s21 += x * v1;
        s22 += x * v2;
        s23 += x * v3;
        x = test[a3 + d] as number;
        s30 += x * v0;
        s31 += x * v1;
        s32 += x * v2;
        s33 += x * v3;
      }
      let o = r * trainRows + c;
      sims[o] = s00;
      sims[o + 1] = s01;
      sims[o + 2] = s02;
      sims[o + 3] = s03;
      o += trainRows;
      sims[o] = s10;
      sims[o + 1] = s11;
      sims[o + 2] = s12;
      sims[o + 3] = s13;
      o += trainRows;
      sims[o] = s20;
      sims[o + 1] = s21;
      sims[o + 2] = s22;
      sims[o + 3] = s23;
      o += trainRows;
      sims[o] = s30;
      sims[o + 1] = s31;
      sims[o + 2] = s32;
      sims[o + 3] = s33;
    }
  }
}

// A bounded min-heap per test row at [base, base + k) of (similarity, train index): the root is
// the similarity a new candidate must beat, so most of the train set costs one comparison.

function heapPush(sims: Float64Array, idx: Int32Array, base: number, size: number, sim: number, j: number): number {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const ps = sims[base + parent] as number;
    if (ps <= sim) break;
    sims[base + i] = ps;
    idx[base + i] = idx[base + parent] as number;
    i = parent;
  }
  sims[base + i] = sim;
  idx[base + i] = j;
  return size + 1;
}

function heapReplaceRoot(sims: Float64Array, idx: Int32Array, base: number, size: number, sim: number, j: number): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && (sims[base + right] as number) < (sims[base + left] as number) ? right : left;
    const cs = sims[base + child] as number;
    if (cs >= sim) break;
    sims[base + i] = cs;
    idx[base + i] = idx[base + child] as number;
    i = child;
  }
  sims[base + i] = sim;
  idx[base + i] = j;
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
 * Weighted kNN top-1/top-5 of `test` against `train`. Plain JS over typed arrays: test rows are
 * compared in blocks against cache-sized tiles of the train set, and each row keeps its k best
 * neighbours in a bounded heap instead of sorting every similarity.
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
  const trainInv = inverseNorms('train', train, dim);
  const testInv = inverseNorms('test', test, dim);

  const tile = trainTileRows(dim);
  const testBuf = new Float64Array(TEST_BLOCK * dim);
  const trainBuf = new Float64Array(tile * dim);
  const sims = new Float64Array(TEST_BLOCK * tile);
  const heapSims = new Float64Array(TEST_BLOCK * k);
  const heapIdx = new Int32Array(TEST_BLOCK * k);
  const heapSize = new Int32Array(TEST_BLOCK);
  const votes = new Float64Array(numClasses);
  const voted = new Uint8Array(numClasses);
  let hits1 = 0;
  let hits5 = 0;

  for (let tb = 0; tb < nTest; tb += TEST_BLOCK) {
    const rows = Math.min(TEST_BLOCK, nTest - tb);
    fillNormalised(test.x, testInv, tb, tb + rows, dim, testBuf);
    heapSize.fill(0);
    // The train tile is re-normalised per test block rather than kept as a normalised copy:
    // that costs about 1/TEST_BLOCK of the dot products and saves a train-sized buffer.
    for (let jb = 0; jb < nTrain; jb += tile) {
      const count = Math.min(tile, nTrain - jb);
      const tileRows = (count + 3) & ~3;
      fillNormalised(train.x, trainInv, jb, jb + count, dim, trainBuf);
      blockDots(testBuf, (rows + 3) & ~3, trainBuf, tileRows, dim, sims);
      for (let r = 0; r < rows; r++) {
        const base = r * k;
        const row = r * tileRows;
        let size = heapSize[r] as number;
        for (let c = 0; c < count; c++) {
          const sim = sims[row + c] as number;
          // Equal similarities keep the neighbour already held, so the result depends only on input order.
          if (size < k) size = heapPush(heapSims, heapIdx, base, size, sim, jb + c);
          else if (sim > (heapSims[base] as number)) heapReplaceRoot(heapSims, heapIdx, base, k, sim, jb + c);
        }
        heapSize[r] = size;
      }
    }
    for (let r = 0; r < rows; r++) {
      const base = r * k;
      // Weights are exp((sim - max) / T): the same ranking as exp(sim / T) without overflow at small T.
      let max = Number.NEGATIVE_INFINITY;
      for (let e = 0; e < k; e++) max = Math.max(max, heapSims[base + e] as number);
      votes.fill(0);
      voted.fill(0);
      for (let e = 0; e < k; e++) {
        const c = train.labels[heapIdx[base + e] as number] as number;
        votes[c] = (votes[c] as number) + Math.exp(((heapSims[base + e] as number) - max) / o.temperature);
        voted[c] = 1;
      }
      const rank = rankOfTrue(votes, voted, test.labels[tb + r] as number);
      if (rank < 1) hits1++;
      if (rank < 5) hits5++;
    }
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
