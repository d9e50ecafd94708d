import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { FeatureExtractor } from './extractor';
import type { PixelSet } from './pixel-set';
import { nearestByCosine, writeRetrievalSheet } from './retrieval';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 8x8 images of one colour each (plus a little per-image shade), labelled by colour. */
function colours(list: ReadonlyArray<[number, number]>): PixelSet {
  const rgb = [[220, 30, 30], [30, 200, 40], [40, 40, 210]];
  const pixels = new Uint8Array(list.length * 8 * 8 * 3);
  list.forEach(([label, shade], i) => {
    for (let p = 0; p < 64; p++) for (let c = 0; c < 3; c++) pixels[(i * 64 + p) * 3 + c] = Math.min(255, (rgb[label]?.[c] ?? 0) + shade);
  });
  return { pixels, labels: Int32Array.from(list, ([l]) => l), size: 8, count: list.length };
}

/** Mean colour: a feature under which neighbours share the class. */
const meanColour: FeatureExtractor = { id: 'mean', inputSize: 8, featureDim: 3, features: (b) => tf.tidy(() => tf.mean(b, [1, 2]) as tf.Tensor2D), dispose: () => undefined };
/** A constant: every image is as near as any other. */
const blind: FeatureExtractor = { id: 'blind', inputSize: 8, featureDim: 3, features: (b) => tf.tidy(() => tf.ones([b.shape[0], 3]) as tf.Tensor2D), dispose: () => undefined };

describe('nearestByCosine', () => {
  it('orders gallery rows by cosine similarity, ties by index', () => {
    const queries = Float32Array.from([1, 0, 0, 1]);
    const gallery = Float32Array.from([0, 2, 3, 0.1, -1, 0, 1, 1]);
    expect(nearestByCosine(queries, gallery, 2, 2)).toEqual([[1, 3], [0, 3]]);
    expect(nearestByCosine(queries, gallery, 2, 9)[0]).toHaveLength(4);
  });
});

describe('writeRetrievalSheet', () => {
  const gallery = colours([[0, 0], [1, 0], [2, 0], [0, 10], [1, 10], [2, 10], [0, 20], [1, 20], [2, 20]]);
  const queries = colours([[0, 5], [2, 5]]);

  it('finds same-class neighbours under a meaningful feature and draws query | k per trunk', async () => {
    const start = tf.memory().numTensors;
    const file = join(mkdtempSync(join(tmpdir(), 'mtssl-retrieval-')), 'nn.png');
    const r = await writeRetrievalSheet(file, { queries, gallery, labelNames: ['red', 'green', 'blue'], k: 3, extractors: [{ name: 'colour', extractor: meanColour }, { name: 'blind', extractor: blind }] });
    expect(r.sameClass['colour']).toBe(1);
    expect(r.neighbours['colour']?.[1]?.every((g) => gallery.labels[g] === 2)).toBe(true);
    expect(r.sameClass['blind']).toBeCloseTo(1 / 3, 5);
    const meta = await sharp(file).metadata();
    // 7 tiles a row (query + 3 + 3) at 8x magnification; 2 rows
    expect(meta.width).toBeGreaterThan(7 * 64);
    expect(meta.height).toBeGreaterThan(2 * 64);
    expect(tf.memory().numTensors).toBe(start);
  });

  describe('invalid parameters', () => {
    it('names the problem', async () => {
      const base = { queries, gallery, labelNames: ['r', 'g', 'b'], extractors: [{ name: 'c', extractor: meanColour }] };
      await expect(writeRetrievalSheet('x.png', { ...base, k: 0 })).rejects.toThrow('k must be a positive integer, got 0');
      await expect(writeRetrievalSheet('x.png', { ...base, k: 1, extractors: [] })).rejects.toThrow('at least one extractor');
      await expect(writeRetrievalSheet('x.png', { ...base, k: 1, queries: { ...queries, size: 4 } })).rejects.toThrow('queries are 4 px but the gallery is 8 px');
    });
  });
});
