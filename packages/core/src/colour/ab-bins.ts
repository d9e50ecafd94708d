// The quantized a/b colour plane of Zhang et al. (2016): grid-10 points near the sRGB gamut, 313 of them.
//
// The rule, computed here and never pasted: the gamut's a/b footprint is the set of (a, b) reachable by
// any in-gamut sRGB colour; we sample it with every 8-bit sRGB colour at a stride of 3 (0, 3, ..., 255 per
// channel, 636,056 colours, exact Lab, no rounding), and keep the grid points (multiples of 10) whose
// distance to the nearest sample is at most 13.5 a/b units. Measured distances of the grid points sorted:
// the 313th is 13.27 and the 314th is 13.73 (stride 1: 13.25 and 13.72; stride 5: 13.31 and 13.82), so
// any margin in (13.3, 13.7) gives exactly 313. Counting cells whose centre is itself in gamut gives 229.
// Bins are ordered by a, then b (row-major over the grid), so bin indices are stable across runs.
import { linearRgbToLab } from './lab';
import { OptionError, requireNumberInRange, requirePositiveInt } from '../options';

export const AB_GRID = 10;
/** Distance (a/b units) from the gamut footprint within which a grid point is a bin. */
export const AB_GAMUT_MARGIN = 13.5;
/** The count the default rule yields (asserted by the tests against the computation). */
export const AB_BIN_COUNT = 313;

const SAMPLE_STRIDE = 3;

export interface AbBinRule {
  readonly grid: number;
  readonly margin: number;
}

const cache = new Map<string, Float32Array>();
let footprint: Float32Array | undefined;

/** a/b of every 8-bit sRGB colour at the sample stride (interleaved pairs), computed once. */
function gamutFootprint(): Float32Array {
  if (footprint) return footprint;
  const levels: number[] = [];
  for (let v = 0; v <= 255; v += SAMPLE_STRIDE) levels.push(v);
  const linear = levels.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  const out = new Float32Array(levels.length ** 3 * 2);
  let i = 0;
  for (const r of linear) {
    for (const g of linear) {
      for (const b of linear) {
        const lab = linearRgbToLab(r, g, b);
        out[i++] = lab[1];
        out[i++] = lab[2];
      }
    }
  }
  footprint = out;
  return out;
}

/** Buckets the footprint samples by cell so a distance query touches only nearby samples. */
function bucketFootprint(points: Float32Array, cell: number): Map<string, number[]> {
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < points.length; i += 2) {
    const key = `${Math.floor(points[i] / cell)},${Math.floor(points[i + 1] / cell)}`;
    let list = buckets.get(key);
    if (!list) buckets.set(key, (list = []));
    list.push(i);
  }
  return buckets;
}

function nearFootprint(points: Float32Array, buckets: Map<string, number[]>, cell: number, a: number, b: number, margin: number): boolean {
  const m2 = margin * margin;
  const reach = Math.ceil(margin / cell);
  const ca = Math.floor(a / cell);
  const cb = Math.floor(b / cell);
  for (let i = ca - reach; i <= ca + reach; i++) {
    for (let j = cb - reach; j <= cb + reach; j++) {
      for (const p of buckets.get(`${i},${j}`) ?? []) {
        const da = points[p] - a;
        const db = points[p + 1] - b;
        if (da * da + db * db <= m2) return true;
      }
    }
  }
  return false;
}

function computeBins(grid: number, margin: number): Float32Array {
  const points = gamutFootprint();
  const cell = Math.max(grid, margin);
  const buckets = bucketFootprint(points, cell);
  const centres: number[] = [];
  // sRGB's a/b footprint lies within about [-87, 99] x [-108, 95]; 140 leaves room for any margin here.
  const limit = Math.ceil(140 / grid) * grid;
  for (let a = -limit; a <= limit; a += grid) {
    for (let b = -limit; b <= limit; b += grid) {
      if (nearFootprint(points, buckets, cell, a, b, margin)) centres.push(a, b);
    }
  }
  return Float32Array.from(centres);
}

/** Bin centres as interleaved (a, b) pairs; cached per rule. Treat the result as read-only. */
export function abBinCenters(rule: Partial<AbBinRule> = {}): Float32Array {
  const grid = requirePositiveInt('grid', rule.grid ?? AB_GRID);
  const margin = requireNumberInRange('margin', rule.margin ?? AB_GAMUT_MARGIN, 0, 100);
  const key = `${grid}/${margin}`;
  let centres = cache.get(key);
  if (!centres) cache.set(key, (centres = computeBins(grid, margin)));
  return centres;
}

function checkAb(a: number, b: number): void {
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new OptionError(`a and b must be finite numbers, got ${a}, ${b}`);
}

/** The k bins nearest to (a, b), nearest first, with their Euclidean distances. */
export function nearestAbBins(a: number, b: number, k: number, centres: Float32Array = abBinCenters()): { bins: Int32Array; distances: Float32Array } {
  checkAb(a, b);
  const count = centres.length / 2;
  if (!Number.isInteger(k) || k <= 0 || k > count) {
    throw new OptionError(`k must be an integer in [1, ${count}], got ${k}`);
  }
  const bins = new Int32Array(k).fill(-1);
  const d2 = new Float64Array(k).fill(Infinity);
  for (let q = 0; q < count; q++) {
    const da = centres[2 * q] - a;
    const db = centres[2 * q + 1] - b;
    const d = da * da + db * db;
    if (d >= d2[k - 1]) continue;
    // Insertion into the sorted top-k; k is small (5), so this beats sorting all bins.
    let j = k - 1;
    while (j > 0 && d2[j - 1] > d) {
      d2[j] = d2[j - 1];
      bins[j] = bins[j - 1];
      j--;
    }
    d2[j] = d;
    bins[j] = q;
  }
  return { bins, distances: Float32Array.from(d2, Math.sqrt) };
}

/** Zhang et al.'s soft encoding: Gaussian weights (sigma in a/b units) over the k nearest bins, sum 1. */
export function softEncodeAb(a: number, b: number, k = 5, sigma = 5, centres: Float32Array = abBinCenters()): { bins: Int32Array; weights: Float32Array } {
  if (!Number.isFinite(sigma) || sigma <= 0) throw new OptionError(`sigma must be a positive number, got ${sigma}`);
  const { bins, distances } = nearestAbBins(a, b, k, centres);
  const raw = new Float64Array(k);
  // Shifting by the nearest distance keeps exp() away from underflow for far-out colours.
  const d0 = distances[0];
  let sum = 0;
  for (let i = 0; i < k; i++) {
    raw[i] = Math.exp(-(distances[i] ** 2 - d0 ** 2) / (2 * sigma * sigma));
    sum += raw[i];
  }
  return { bins, weights: Float32Array.from(raw, (w) => w / sum) };
}

/** The expected (a, b) of a distribution over bins: how a soft encoding decodes back to a colour. */
export function decodeAbExpectation(bins: ArrayLike<number>, weights: ArrayLike<number>, centres: Float32Array = abBinCenters()): [number, number] {
  let a = 0;
  let b = 0;
  let sum = 0;
  for (let i = 0; i < bins.length; i++) {
    a += weights[i] * centres[2 * bins[i]];
    b += weights[i] * centres[2 * bins[i] + 1];
    sum += weights[i];
  }
  return sum > 0 ? [a / sum, b / sum] : [0, 0];
}

export interface RebalanceOptions {
  /** Mix with the uniform distribution: 0 = pure inverse frequency, 1 = no rebalancing. */
  readonly lambda: number;
  /** Gaussian smoothing of the empirical distribution, in a/b units. */
  readonly sigma: number;
  readonly centres?: Float32Array;
}

export const REBALANCE_DEFAULTS: Readonly<RebalanceOptions> = Object.freeze({ lambda: 0.5, sigma: 5 });

function smoothDistribution(p: Float64Array, centres: Float32Array, sigma: number): Float64Array {
  const q = p.length;
  const out = new Float64Array(q);
  let total = 0;
  for (let i = 0; i < q; i++) {
    let s = 0;
    for (let j = 0; j < q; j++) {
      if (p[j] === 0) continue;
      const da = centres[2 * i] - centres[2 * j];
      const db = centres[2 * i + 1] - centres[2 * j + 1];
      s += p[j] * Math.exp(-(da * da + db * db) / (2 * sigma * sigma));
    }
    out[i] = s;
    total += s;
  }
  for (let i = 0; i < q; i++) out[i] /= total;
  return out;
}

/**
 * Zhang et al.'s class-rebalancing weights: smooth the empirical bin distribution p with a Gaussian in
 * a/b space, mix with uniform by lambda, w ~ 1 / ((1 - lambda) p~ + lambda / Q). Normalised so that the
 * expectation of w under the empirical histogram is 1 (so the mean loss weight over training pixels is 1).
 */
export function rebalanceWeights(histogram: Float64Array, options: Partial<RebalanceOptions> = {}): Float32Array {
  const lambda = requireNumberInRange('lambda', options.lambda ?? REBALANCE_DEFAULTS.lambda, 0, 1);
  // lambda 0 would give unseen colours an infinite weight once smoothing underflows.
  if (lambda === 0) throw new OptionError('lambda must be a number in (0, 1], got 0');
  const sigma = options.sigma ?? REBALANCE_DEFAULTS.sigma;
  if (!Number.isFinite(sigma) || sigma <= 0) throw new OptionError(`sigma must be a positive number, got ${sigma}`);
  const centres = options.centres ?? abBinCenters();
  const q = histogram.length;
  if (q !== centres.length / 2) throw new OptionError(`histogram must have ${centres.length / 2} bins, got ${q}`);
  let total = 0;
  for (const h of histogram) {
    if (!Number.isFinite(h) || h < 0) throw new OptionError(`histogram entries must be finite and >= 0, got ${h}`);
    total += h;
  }
  if (total <= 0) throw new OptionError('histogram must have a positive total, got 0');
  const p = Float64Array.from(histogram, (h) => h / total);
  const smooth = smoothDistribution(p, centres, sigma);
  const w = Float64Array.from(smooth, (s) => 1 / ((1 - lambda) * s + lambda / q));
  let expectation = 0;
  for (let i = 0; i < q; i++) expectation += p[i] * w[i];
  return Float32Array.from(w, (x) => x / expectation);
}
