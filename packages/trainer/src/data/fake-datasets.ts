// In-memory datasets with generated, learnable samples (the answer is visible in the pixels), for
// tests and quick runs without shards.
import { Rng, Sample, SampleSchema, TaskName } from '@mtssl/core';
import { TrainingDataset } from './training-dataset';

export interface FakeSizes {
  readonly count: number;
  /** Patch side (relative position, exemplar) and image side (colorization, motion). */
  readonly side: number;
  /** Colorization target side (inputSize / output stride). */
  readonly targetSide: number;
  readonly numBins: number;
  readonly harmonized: boolean;
}

export const FAKE_SIZES: Readonly<FakeSizes> = Object.freeze({ count: 32, side: 32, targetSide: 2, numBins: 8, harmonized: false });

function noise(rng: Rng, n: number, base: number, spread: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.max(0, Math.min(255, Math.round(base + rng.uniform(-spread, spread))));
  return out;
}

function schemaFor(task: TaskName, s: FakeSizes): SampleSchema {
  const p = s.side;
  const t = s.targetSide;
  const fields: Record<TaskName, SampleSchema['fields']> = {
    'relative-position': [
      { name: 'patches', dtype: 'uint8', shape: [2, p, p, 3] },
      { name: 'label', dtype: 'int32', shape: [1] },
    ],
    colorization: [
      { name: 'input', dtype: 'uint8', shape: [p, p, 1] },
      { name: 'ab_bins', dtype: 'int32', shape: [t, t, 2] },
      { name: 'ab_weights', dtype: 'float32', shape: [t, t, 2] },
      { name: 'sample_weight', dtype: 'float32', shape: [1] },
    ],
    exemplar: [
      { name: 'views', dtype: 'uint8', shape: [3, p, p, 3] },
      { name: 'seed_ids', dtype: 'int32', shape: [2] },
    ],
    motion: [
      { name: 'frame', dtype: 'uint8', shape: [p, p, 3] },
      { name: 'mask', dtype: 'uint8', shape: [p, p] },
    ],
  };
  const attributes: Record<TaskName, Record<string, number | boolean>> = {
    'relative-position': { patchSize: p, harmonized: s.harmonized },
    colorization: { inputSize: p, targetSize: t, numBins: s.numBins, softK: 2 },
    exemplar: { patchSize: p, harmonized: s.harmonized },
    motion: { height: p, width: p, harmonized: s.harmonized },
  };
  return { task, version: 1, fields: fields[task], attributes: attributes[task] };
}

function relativePosition(rng: Rng, s: FakeSizes): Sample {
  const label = rng.int(0, 7);
  const n = s.side * s.side * 3;
  const patches = new Uint8Array(2 * n);
  patches.set(noise(rng, n, 128, 60), 0);
  // the neighbour's brightness encodes where it sits
  patches.set(noise(rng, n, 20 + label * 30, 8), n);
  return { patches, label: Int32Array.of(label) };
}

function colorization(rng: Rng, s: FakeSizes): Sample {
  const bin = rng.int(0, s.numBins - 1);
  const pixels = s.targetSide * s.targetSide;
  const bins = new Int32Array(pixels * 2);
  const weights = new Float32Array(pixels * 2);
  for (let i = 0; i < pixels; i++) {
    bins.set([bin, (bin + 1) % s.numBins], i * 2);
    weights.set([0.8, 0.2], i * 2);
  }
  // the lightness encodes the colour bin
  const input = noise(rng, s.side * s.side, 16 + (bin * 224) / s.numBins, 6);
  return { input, ab_bins: bins, ab_weights: weights, sample_weight: Float32Array.of(1) };
}

function exemplar(rng: Rng, s: FakeSizes, index: number): Sample {
  const n = s.side * s.side * 3;
  const seedColour = rng.uniform(30, 225);
  let other = rng.uniform(30, 225);
  while (Math.abs(other - seedColour) < 60) other = rng.uniform(30, 225);
  const views = new Uint8Array(3 * n);
  views.set(noise(rng, n, seedColour, 20), 0);
  views.set(noise(rng, n, seedColour, 20), n);
  views.set(noise(rng, n, other, 20), 2 * n);
  return { views, seed_ids: Int32Array.of(index, index + 1_000_000) };
}

function motion(rng: Rng, s: FakeSizes): Sample {
  const side = s.side;
  const frame = noise(rng, side * side * 3, 40, 20);
  const mask = new Uint8Array(side * side);
  const w = rng.int(side / 4, side / 2);
  const x0 = rng.int(0, side - w);
  const y0 = rng.int(0, side - w);
  for (let y = y0; y < y0 + w; y++) {
    for (let x = x0; x < x0 + w; x++) {
      mask[y * side + x] = 1;
      frame.fill(220, (y * side + x) * 3, (y * side + x) * 3 + 3);
    }
  }
  return { frame, mask };
}

function generate(task: TaskName, s: FakeSizes, rng: Rng, index: number): Sample {
  switch (task) {
    case 'relative-position':
      return relativePosition(rng, s);
    case 'colorization':
      return colorization(rng, s);
    case 'exemplar':
      return exemplar(rng, s, index);
    case 'motion':
      return motion(rng, s);
  }
}

/** A deterministic in-memory dataset: sample i depends only on (seed, task, i). */
export function fakeDataset(task: TaskName, sizes: Partial<FakeSizes> = {}, seed = 0): TrainingDataset {
  const s = { ...FAKE_SIZES, ...sizes };
  const samples = Array.from({ length: s.count }, (_, i) => generate(task, s, Rng.from(seed, 'fake', task, i), i));
  const extras = task === 'colorization' ? { rebalance: Array.from({ length: s.numBins }, () => 1) } : {};
  return { schema: schemaFor(task, s), count: s.count, read: async (i) => samples[i] as Sample, extras };
}
