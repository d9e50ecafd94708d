import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@mtssl/core';
import { KNN_DEFAULTS, knnAccuracy, resolveKnnOptions } from './knn';
import type { LabelledFeatures } from './linear-probe';
import { useCpuBackend } from './testing/cpu-backend';

beforeAll(() => useCpuBackend());

/** Points around one random unit direction per class, at random lengths, plus small noise. */
function directionClusters(seed: number, draw: number, perClass: number, numClasses: number, dim: number, noise: number): LabelledFeatures {
  const centreRng = Rng.from(seed, 'directions');
  const directions = Array.from({ length: numClasses }, () => {
    const v = Array.from({ length: dim }, () => centreRng.normal());
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
  const rng = Rng.from(seed, 'points', draw);
  const n = perClass * numClasses;
  const x = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % numClasses;
    labels[i] = c;
    // Lengths vary a lot: cosine similarity must not care.
    const length = rng.uniform(0.2, 5);
    for (let d = 0; d < dim; d++) x[i * dim + d] = length * ((directions[c]?.[d] as number) + rng.normal(0, noise));
  }
  return { x, labels };
}

function randomSet(seed: number, n: number, dim: number, numClasses: number): LabelledFeatures {
  const rng = Rng.from(seed, 'random-set');
  return {
    x: Float32Array.from({ length: n * dim }, () => rng.normal()),
    labels: Int32Array.from({ length: n }, () => rng.int(0, numClasses - 1)),
  };
}

/** The definition, written the slow way: every similarity sorted, the top k vote. */
function referenceKnn(train: LabelledFeatures, test: LabelledFeatures, dim: number, numClasses: number, k: number, t: number): { top1: number; top5: number } {
  const unit = (x: Float32Array, i: number): number[] => {
    const row = Array.from(x.subarray(i * dim, (i + 1) * dim));
    const norm = Math.hypot(...row);
    return row.map((v) => v / norm);
  };
  const trainRows = Array.from(train.labels, (_, i) => unit(train.x, i));
  let hits1 = 0;
  let hits5 = 0;
  test.labels.forEach((label, i) => {
    const q = unit(test.x, i);
    const sims = trainRows.map((row, j) => ({ j, sim: row.reduce((s, v, d) => s + v * (q[d] as number), 0) }));
    sims.sort((a, b) => b.sim - a.sim);
    const votes = new Map<number, number>();
    for (const { j, sim } of sims.slice(0, k)) {
      const c = train.labels[j] as number;
      votes.set(c, (votes.get(c) ?? 0) + Math.exp(sim / t));
    }
    const ranking = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
    const rank = ranking.indexOf(label);
    if (rank === 0) hits1++;
    if (rank >= 0 && rank < 5) hits5++;
  });
  return { top1: hits1 / test.labels.length, top5: hits5 / test.labels.length };
}

describe('resolveKnnOptions', () => {
  it('fills defaults and freezes', () => {
    expect(resolveKnnOptions()).toEqual({ k: 200, temperature: 0.1 });
    expect(resolveKnnOptions({ k: 20 })).toEqual({ ...KNN_DEFAULTS, k: 20 });
    expect(Object.isFrozen(resolveKnnOptions({ k: 20 }))).toBe(true);
    expect(Object.isFrozen(KNN_DEFAULTS)).toBe(true);
  });
});

describe('knnAccuracy', () => {
  it('is perfect on separable direction clusters, whatever the feature lengths', () => {
    const train = directionClusters(1, 0, 50, 4, 32, 0.1);
    const test = directionClusters(1, 1, 25, 4, 32, 0.1);
    const scores = knnAccuracy(train, test, 32, 4);
    expect(scores).toEqual({ top1: 1, top5: 1, top5Trivial: true, k: 200, temperature: 0.1, numClasses: 4, trainCount: 200, testCount: 100 });
  });

  it('is near chance when the train labels are shuffled', () => {
    const train = directionClusters(2, 0, 100, 4, 16, 0.1);
    const shuffled = Rng.from(2, 'shuffle').shuffle(Array.from(train.labels));
    const test = directionClusters(2, 1, 100, 4, 16, 0.1);
    const scores = knnAccuracy({ x: train.x, labels: Int32Array.from(shuffled) }, test, 16, 4, { k: 20 });
    expect(scores.top1).toBeGreaterThan(0.1);
    expect(scores.top1).toBeLessThan(0.4);
  });

  it('lets one very close neighbour outvote two far ones at a small temperature', () => {
    // Test point (1, 0); class 1 has a neighbour at cosine 0.9988, class 0 two at cosine 0.6.
    const train = { x: Float32Array.from([1, 0.05, 0.6, 0.8, 0.6, -0.8]), labels: Int32Array.from([1, 0, 0]) };
    const test = { x: Float32Array.from([1, 0]), labels: Int32Array.from([1]) };
    // T = 0.1: exp(9.988) = 21770 for class 1 against 2 exp(6) = 807 for class 0.
    expect(knnAccuracy(train, test, 2, 2, { k: 3, temperature: 0.1 }).top1).toBe(1);
    // T = 10 is nearly a plain majority: 1.105 against 2 x 1.062.
    expect(knnAccuracy(train, test, 2, 2, { k: 3, temperature: 10 }).top1).toBe(0);
    // With k = 1 only the close neighbour votes, at any temperature.
    expect(knnAccuracy(train, test, 2, 2, { k: 1, temperature: 10 }).top1).toBe(1);
  });

  it('does not overflow at a tiny temperature', () => {
    const train = { x: Float32Array.from([1, 0.05, 0.6, 0.8, 0.6, -0.8]), labels: Int32Array.from([1, 0, 0]) };
    const test = { x: Float32Array.from([1, 0]), labels: Int32Array.from([1]) };
    expect(knnAccuracy(train, test, 2, 2, { k: 3, temperature: 1e-4 }).top1).toBe(1);
  });

  it('caps k at the train count', () => {
    const train = directionClusters(3, 0, 4, 3, 8, 0.05);
    const test = directionClusters(3, 1, 4, 3, 8, 0.05);
    const scores = knnAccuracy(train, test, 8, 3, { k: 1000 });
    expect(scores.k).toBe(12);
    expect(scores.top1).toBe(1);
  });

  it('counts a class no neighbour voted for as a top-5 miss', () => {
    // 7 classes, k = 1: only class 3 votes, so true class 0 is not in the top 5 despite its low index.
    const train = { x: Float32Array.from([1, 0, 0, 1]), labels: Int32Array.from([3, 6]) };
    const test = { x: Float32Array.from([1, 0.1]), labels: Int32Array.from([0]) };
    expect(knnAccuracy(train, test, 2, 7, { k: 1 })).toMatchObject({ top1: 0, top5: 0, top5Trivial: false });
  });

  it('matches a sort-everything reference across block edges, and disposes every tensor', () => {
    // 140 test rows are a block of 128 and 12
    const train = randomSet(4, 517, 300, 8);
    const test = randomSet(5, 140, 300, 8);
    const tensors = tf.memory().numTensors;
    for (const [k, temperature] of [[10, 0.1], [1, 0.5], [517, 0.07]] as const) {
      const scores = knnAccuracy(train, test, 300, 8, { k, temperature });
      const expected = referenceKnn(train, test, 300, 8, k, temperature);
      expect(scores.top1).toBeCloseTo(expected.top1, 10);
      expect(scores.top5).toBeCloseTo(expected.top5, 10);
      expect(scores.top5Trivial).toBe(false);
      expect(scores.top5).toBeGreaterThanOrEqual(scores.top1);
    }
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('leaves its inputs unchanged', () => {
    const train = randomSet(6, 40, 5, 3);
    const test = randomSet(7, 9, 5, 3);
    const before = [Array.from(train.x), Array.from(test.x)];
    knnAccuracy(train, test, 5, 3, { k: 7 });
    expect([Array.from(train.x), Array.from(test.x)]).toEqual(before);
  });

  describe('invalid parameters', () => {
    const data = directionClusters(5, 0, 5, 2, 4, 0.1);
    it.each([
      [{ k: 0 }, 'k must be a positive integer, got 0'],
      [{ k: 1.5 }, 'k must be a positive integer, got 1.5'],
      [{ k: -3 }, 'k must be a positive integer, got -3'],
      [{ temperature: 0 }, 'temperature must be a positive number, got 0'],
      [{ temperature: -0.1 }, 'temperature must be a positive number, got -0.1'],
      [{ temperature: Number.NaN }, 'temperature must be a positive number, got NaN'],
      [{ K: 3 }, 'knn options: unknown option "K"'],
    ])('%p', (partial, message) => {
      expect(() => resolveKnnOptions(partial as never)).toThrow(message);
      expect(() => knnAccuracy(data, data, 4, 2, partial as never)).toThrow(message);
    });
    it('rejects options that are not an object', () => {
      expect(() => resolveKnnOptions(null as never)).toThrow('knn options must be an object, got null');
    });
    it('rejects a feature size that does not match dim', () => {
      expect(() => knnAccuracy({ x: data.x.subarray(1), labels: data.labels }, data, 4, 2)).toThrow('knn: train features have 39 values, expected 10 x 4');
      expect(() => knnAccuracy(data, data, 5, 2)).toThrow('knn: train features have 40 values, expected 10 x 5');
      expect(() => knnAccuracy(data, data, 0, 2)).toThrow('dim must be a positive integer, got 0');
    });
    it('rejects empty sets', () => {
      const empty = { x: new Float32Array(0), labels: new Int32Array(0) };
      expect(() => knnAccuracy(empty, data, 4, 2)).toThrow('knn: the train set is empty');
      expect(() => knnAccuracy(data, empty, 4, 2)).toThrow('knn: the test set is empty');
    });
    it('rejects labels outside the classes and fewer than 2 classes', () => {
      expect(() => knnAccuracy(data, { x: data.x, labels: data.labels.map(() => 5) }, 4, 2)).toThrow('knn: test label 5 outside 0..1');
      expect(() => knnAccuracy({ x: data.x, labels: data.labels.map(() => -1) }, data, 4, 2)).toThrow('knn: train label -1 outside 0..1');
      expect(() => knnAccuracy(data, data, 4, 1)).toThrow('knn needs at least 2 classes, got 1');
    });
    it('names a row with a non-finite value', () => {
      const x = Float32Array.from(data.x);
      x[9] = Number.NaN;
      expect(() => knnAccuracy(data, { x, labels: data.labels }, 4, 2)).toThrow('knn: test feature row 2 has a non-finite value');
    });
  });
});
