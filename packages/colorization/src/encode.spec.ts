import { abBinCenters, Rng, srgbToLab } from '@mtssl/core';
import { sampleCrop } from './crop';
import { averageAb, chromaStats, encodeCrop, grayscaleCheck, isNearGrayscale, meanChroma } from './encode';

function solid(size: number, rgb: readonly number[]): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  for (let i = 0; i < out.length; i++) out[i] = rgb[i % 3];
  return out;
}

function binOf(a: number, b: number): number {
  const c = abBinCenters();
  for (let q = 0; q < c.length / 2; q++) if (c[2 * q] === a && c[2 * q + 1] === b) return q;
  return -1;
}

const spec = { size: 16, targetSize: 2, softK: 5, softSigma: 5, centres: abBinCenters() };

describe('encodeCrop', () => {
  it('encodes a red crop: L input, nearest bin (80, 70), weights summing to 1', () => {
    const { input, abBins, abWeights } = encodeCrop(solid(16, [255, 0, 0]), spec);
    expect(input.length).toBe(256);
    expect(input[0]).toBe(Math.round(53.24 * 2.55));
    expect(abBins.length).toBe(20);
    for (let c = 0; c < 4; c++) {
      expect(abBins[c * 5]).toBe(binOf(80, 70));
      const sum = abWeights.subarray(c * 5, c * 5 + 5).reduce((s, w) => s + w, 0);
      expect(sum).toBeCloseTo(1, 5);
    }
  });

  it('encodes grey to the (0, 0) bin', () => {
    const { abBins, abWeights } = encodeCrop(solid(16, [128, 128, 128]), spec);
    expect(abBins[0]).toBe(binOf(0, 0));
    expect(abWeights[0]).toBeGreaterThan(0.3);
  });
});

describe('averageAb', () => {
  it('averages a/b over each target cell', () => {
    // left half red, right half blue; 4x4 image to 2x2 cells
    const rgb = new Uint8Array(16 * 3);
    for (let p = 0; p < 16; p++) rgb.set(p % 4 < 2 ? [255, 0, 0] : [0, 0, 255], p * 3);
    const lab = new Float32Array(48);
    for (let p = 0; p < 16; p++) lab.set(srgbToLab(rgb[p * 3], rgb[p * 3 + 1], rgb[p * 3 + 2]), p * 3);
    const ab = averageAb(lab, 4, 2);
    expect(ab[0]).toBeCloseTo(80.09, 1);
    expect(ab[3]).toBeCloseTo(-107.86, 1);
  });
});

describe('meanChroma (grayscale detection)', () => {
  it('is ~0 for grey, large for colour', () => {
    expect(meanChroma(solid(8, [90, 90, 90]), 3)).toBeLessThan(0.01);
    expect(meanChroma(solid(8, [92, 90, 88]), 3)).toBeLessThan(3);
    expect(meanChroma(solid(8, [200, 40, 40]), 3)).toBeGreaterThan(50);
  });

  it('calls black-and-white images grayscale but not a colour subject on black', () => {
    expect(isNearGrayscale(chromaStats(solid(10, [92, 90, 88]), 3, 12), 3)).toBe(true);
    const subject = solid(10, [0, 0, 0]);
    subject.set([230, 200, 20, 230, 200, 20], 0); // 2% yellow pixels: mean chroma ~1.8
    const stats = chromaStats(subject, 3, 12);
    expect(stats.mean).toBeLessThan(3);
    expect(stats.vividFraction).toBeCloseTo(0.02, 5);
    expect(isNearGrayscale(stats, 3)).toBe(false);
  });
});

describe('grayscaleCheck', () => {
  it('decides as isNearGrayscale(chromaStats) does, on grey, colourful and borderline images', () => {
    let x = 7;
    const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const images: Uint8Array[] = [solid(10, [92, 90, 88]), solid(10, [200, 40, 40]), solid(200, [30, 31, 29])];
    for (let vividPixels = 0; vividPixels <= 6; vividPixels++) {
      // 300 x 300 px sampled with stride 5 (18,000 pixels): 1 % is 180 vivid pixels among those sampled
      const img = solid(300, [60, 60, 62]);
      for (let v = 0; v < vividPixels * 40; v++) img.set([230, 200, 20], Math.floor(rand() * 18000) * 5 * 3);
      images.push(img);
    }
    for (let n = 0; n < 20; n++) images.push(Uint8Array.from({ length: 64 * 48 * 3 }, () => 80 + rand() * (n + 1) * 3));
    let grey = 0;
    for (const img of images) {
      const stats = chromaStats(img, 3, 12);
      const check = grayscaleCheck(img, 3, 3);
      expect(check.grey).toBe(isNearGrayscale(stats, 3));
      if (check.grey) {
        grey++;
        expect(check.meanChroma).toBe(stats.mean);
      }
    }
    expect(grey).toBeGreaterThan(3);
    expect(grey).toBeLessThan(images.length - 3);
  });
});

describe('sampleCrop', () => {
  it('stays inside the image, respects the minimum scale, and depends only on the rng', () => {
    for (let k = 0; k < 50; k++) {
      const c = sampleCrop(Rng.from(1, 'colorization', k), 120, 80, 0.6, true);
      expect(c.side).toBeGreaterThanOrEqual(48);
      expect(c.side).toBeLessThanOrEqual(80);
      expect(c.left + c.side).toBeLessThanOrEqual(120);
      expect(c.top + c.side).toBeLessThanOrEqual(80);
      expect(sampleCrop(Rng.from(1, 'colorization', k), 120, 80, 0.6, true)).toEqual(c);
      expect(sampleCrop(Rng.from(1, 'colorization', k), 120, 80, 0.6, false)).toEqual({ ...c, flip: false });
    }
  });
});
