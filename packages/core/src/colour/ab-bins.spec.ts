import { AB_BIN_COUNT, AB_GRID, abBinCenters, decodeAbExpectation, nearestAbBins, rebalanceWeights, softEncodeAb } from './ab-bins';
import { srgbToLab } from './lab';

function binOf(a: number, b: number): number {
  const c = abBinCenters();
  for (let q = 0; q < c.length / 2; q++) if (c[2 * q] === a && c[2 * q + 1] === b) return q;
  return -1;
}

describe('abBinCenters', () => {
  it('computes exactly 313 grid-10 bins', () => {
    const c = abBinCenters();
    expect(AB_GRID).toBe(10);
    expect(c.length / 2).toBe(AB_BIN_COUNT);
    expect(AB_BIN_COUNT).toBe(313);
    c.forEach((v) => expect(Math.abs(v % 10)).toBe(0));
    expect(abBinCenters()).toBe(c); // cached
  });

  it('contains the bins of the sRGB primaries and grey, and nothing far out', () => {
    expect(binOf(0, 0)).toBeGreaterThanOrEqual(0);
    expect(binOf(80, 70)).toBeGreaterThanOrEqual(0); // red (80.1, 67.2)
    expect(binOf(-90, 80)).toBeGreaterThanOrEqual(0); // green (-86.2, 83.2)
    expect(binOf(80, -110)).toBeGreaterThanOrEqual(0); // blue (79.2, -107.9)
    expect(binOf(-100, -100)).toBe(-1);
    expect(binOf(110, 110)).toBe(-1);
  });

  it('depends on the margin rule (a parameter)', () => {
    expect(abBinCenters({ margin: 0.5 }).length / 2).toBeLessThan(240);
    expect(abBinCenters({ margin: 20 }).length / 2).toBeGreaterThan(313);
  });

  describe('invalid parameters', () => {
    it('rejects a bad grid or margin', () => {
      expect(() => abBinCenters({ grid: -3 })).toThrow('grid must be a positive integer, got -3');
      expect(() => abBinCenters({ margin: -1 })).toThrow('margin must be a number in [0, 100], got -1');
    });
  });
});

describe('nearestAbBins / softEncodeAb', () => {
  it('picks the nearest bin of a known colour first', () => {
    const [, a, b] = srgbToLab(255, 0, 0);
    const { bins, distances } = nearestAbBins(a, b, 5);
    expect(bins[0]).toBe(binOf(80, 70));
    expect(distances[0]).toBeCloseTo(Math.hypot(a - 80, b - 70), 4);
    for (let i = 1; i < 5; i++) expect(distances[i]).toBeGreaterThanOrEqual(distances[i - 1]);
  });

  it('gives Gaussian weights that sum to 1, largest on the nearest bin', () => {
    const { bins, weights } = softEncodeAb(12, -3);
    expect(bins[0]).toBe(binOf(10, 0));
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);
    expect(weights[0]).toBe(Math.max(...weights));
    // exp(-d^2 / 2 sigma^2) ratio between the two nearest bins
    const d = [Math.hypot(2, 3), Math.hypot(2, 7)];
    expect(weights[1] / weights[0]).toBeCloseTo(Math.exp(-(d[1] ** 2 - d[0] ** 2) / 50), 4);
  });

  it('decodes a soft encoding back near the colour', () => {
    const { bins, weights } = softEncodeAb(23, 41);
    const [a, b] = decodeAbExpectation(bins, weights);
    expect(Math.hypot(a - 23, b - 41)).toBeLessThan(5);
  });

  it('stays finite for colours far outside the bins', () => {
    const { weights } = softEncodeAb(300, 300);
    expect(weights.every(Number.isFinite)).toBe(true);
  });

  describe('invalid parameters', () => {
    it('rejects bad k, sigma and colours', () => {
      expect(() => nearestAbBins(0, 0, 0)).toThrow('k must be an integer in [1, 313], got 0');
      expect(() => nearestAbBins(0, 0, 400)).toThrow('k must be an integer in [1, 313], got 400');
      expect(() => softEncodeAb(0, 0, 5, -1)).toThrow('sigma must be a positive number, got -1');
      expect(() => softEncodeAb(Number.NaN, 0)).toThrow('a and b must be finite');
    });
  });
});

describe('rebalanceWeights', () => {
  it('has one weight per bin, expectation 1 under the histogram, rare colours weigh more', () => {
    const h = new Float64Array(AB_BIN_COUNT);
    const grey = binOf(0, 0);
    const red = binOf(80, 70);
    h[grey] = 1000;
    h[red] = 10;
    h[binOf(10, 10)] = 100;
    const w = rebalanceWeights(h);
    expect(w.length).toBe(313);
    let e = 0;
    for (let q = 0; q < 313; q++) e += (h[q] / 1110) * w[q];
    expect(e).toBeCloseTo(1, 5);
    expect(w[red]).toBeGreaterThan(w[grey]);
  });

  it('is uniform when lambda is 1', () => {
    const h = new Float64Array(313).fill(1);
    h[0] = 50;
    const w = rebalanceWeights(h, { lambda: 1 });
    w.forEach((x) => expect(x).toBeCloseTo(1, 5));
  });

  describe('invalid parameters', () => {
    it('rejects bad histograms and options', () => {
      const ok = new Float64Array(313).fill(1);
      expect(() => rebalanceWeights(new Float64Array(10))).toThrow('histogram must have 313 bins, got 10');
      expect(() => rebalanceWeights(new Float64Array(313))).toThrow('positive total');
      expect(() => rebalanceWeights(ok, { lambda: 2 })).toThrow('lambda must be a number in [0, 1], got 2');
      expect(() => rebalanceWeights(ok, { lambda: 0 })).toThrow('lambda must be a number in (0, 1], got 0');
      expect(() => rebalanceWeights(ok, { sigma: 0 })).toThrow('sigma must be a positive number, got 0');
      const bad = new Float64Array(313).fill(1);
      bad[3] = -1;
      expect(() => rebalanceWeights(bad)).toThrow('histogram entries must be finite and >= 0, got -1');
    });
  });
});
