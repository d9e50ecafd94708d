import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@mtssl/core';
import { ensureGradients } from '@mtssl/tfjs-wasm-training';
import { createTrunk } from '@mtssl/trainer';
import { augmentBatch, resolveSupervisedTrunkOptions, trainTrunkSupervised } from './supervised-trunk';
import { useCpuBackend } from './testing/cpu-backend';
import type { PixelSet } from './pixel-set';

beforeAll(async () => {
  await useCpuBackend();
  ensureGradients();
});

/** Two classes a network can tell apart: bright left half vs bright right half, with noise. */
function halves(count: number, size: number): PixelSet {
  const rng = Rng.from(7, 'halves');
  const pixels = new Uint8Array(count * size * size * 3);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    labels[n] = n % 2;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const lit = (x < size / 2) === (n % 2 === 0);
        for (let c = 0; c < 3; c++) pixels[((n * size + y) * size + x) * 3 + c] = (lit ? 200 : 40) + rng.int(-20, 20);
      }
    }
  }
  return { pixels, labels, size, count };
}

describe('augmentBatch', () => {
  const set: PixelSet = { pixels: Uint8Array.from({ length: 4 * 4 * 3 }, (_, i) => (i % 3 === 0 ? 255 : 0)), labels: Int32Array.from([0]), size: 4, count: 1 };

  it('is the plain image in [-1, 1] without padding or flips', () => {
    const out = augmentBatch(set, [0], { pad: 0, flip: false }, Rng.from(1));
    expect(Array.from(out.subarray(0, 3))).toEqual([1, -1, -1]);
  });

  it('fills what a shift uncovers with 0 and keeps the rest of the image', () => {
    const rng = Rng.from(3);
    for (let i = 0; i < 10; i++) {
      const out = augmentBatch(set, [0], { pad: 2, flip: true }, rng);
      expect(out.every((v) => v === 0 || v === 1 || v === -1)).toBe(true);
    }
  });
});

describe('trainTrunkSupervised (tiny trunk, cpu)', () => {
  it('learns a separable set, moves the BN averages and leaves no tensors behind', () => {
    const trunk = createTrunk('tiny', 0);
    const start = tf.memory().numTensors;
    const set = halves(32, 32);
    const r = trainTrunkSupervised(trunk, set, 2, { epochs: 4, batchSize: 16, learningRate: 0.05, pad: 0, flip: false, seed: 1 });
    expect(r.losses).toHaveLength(4);
    expect(r.losses[3] as number).toBeLessThan(r.losses[0] as number);
    expect(r.accuracies[3] as number).toBeGreaterThan(0.7);
    expect(tf.memory().numTensors).toBe(start);
    trunk.dispose();
  }, 120_000);

  it('rejects invalid parameters', () => {
    const trunk = createTrunk('tiny', 0);
    expect(() => resolveSupervisedTrunkOptions({ epochs: 0 })).toThrow('epochs must be a positive integer, got 0');
    expect(() => resolveSupervisedTrunkOptions({ pad: -1 })).toThrow('pad must be a non-negative integer, got -1');
    expect(() => resolveSupervisedTrunkOptions({ learningRate: 0 })).toThrow('learningRate must be');
    expect(() => resolveSupervisedTrunkOptions({ nesterov: true } as object)).toThrow('unknown option "nesterov"');
    expect(() => trainTrunkSupervised(trunk, halves(2, 32), 1)).toThrow('needs at least 2 classes, got 1');
    expect(() => trainTrunkSupervised(trunk, { ...halves(2, 32), count: 0 }, 2)).toThrow('no training images');
    trunk.dispose();
  });
});
