import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@mtssl/core';
import { createConvExtractor } from './conv-extractor';
import { createMlpExtractor } from './testing/mlp-extractor';
import { extractFromPixels } from './features';
import { trainSupervised } from './supervised';
import { resolveSupervisedOptions } from './supervised-options';
import { useCpuBackend } from './testing/cpu-backend';

import { registerCoreGradients } from '@mtssl/tfjs-wasm-training';

beforeAll(useCpuBackend);

const SIZE = 8;

/** Class 0: left half bright; class 1: right half bright; noise on top. */
function halves(n: number, seed: number): { images: Float32Array; labels: Int32Array; numClasses: number } {
  const rng = Rng.from(seed, 'halves');
  const images = new Float32Array(n * SIZE * SIZE * 3);
  const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
  images.forEach((_, j) => {
    const i = Math.floor(j / (SIZE * SIZE * 3));
    const col = Math.floor(j / 3) % SIZE;
    const bright = (col < SIZE / 2) === (labels[i] === 0);
    images[j] = (bright ? 0.5 : -0.5) + rng.normal(0, 0.3);
  });
  return { images, labels, numClasses: 2 };
}

const make = () => createConvExtractor({ inputSize: SIZE, widths: [4, 8], seed: 3 });

describe('trainSupervised', () => {
  it('says how to register gradients when none are registered', () => {
    // whatever ran before in this process: take the Conv2D gradient away for this test, then put it back
    const saved = tf.getGradient('Conv2D');
    if (saved) tf.unregisterGradient('Conv2D');
    try {
      // No numTensors check here: tfjs keeps the tensors its tape saved when backprop throws.
      const e = make();
      expect(() => trainSupervised(e, halves(4, 1))).toThrow('register the training gradients first');
      e.dispose();
    } finally {
      if (saved) tf.registerGradient(saved);
    }
  });

  it('lowers the loss, changes the weights and id, is deterministic and leaks nothing', () => {
    // the trainer owns the gradient registry (tfjs-core's CommonJS build ships none)
    registerCoreGradients();
    const start = tf.memory().numTensors;
    const data = halves(32, 1);
    const base = createMlpExtractor(SIZE, 16, 3);
    const before = extractFromPixels(base, data.images.subarray(0, SIZE * SIZE * 3), 1);
    const a = trainSupervised(base, data, { epochs: 12, batchSize: 8, learningRate: 0.02 });
    const b = trainSupervised(createMlpExtractor(SIZE, 16, 3), data, { epochs: 12, batchSize: 8, learningRate: 0.02 });
    expect(a.losses[a.losses.length - 1]).toBeLessThan((a.losses[0] as number) * 0.5);
    expect(a.extractor.id).toMatch(/^mlp:8:16:3\+supervised:[0-9a-f]{16}$/);
    expect(b.extractor.id).toBe(a.extractor.id);
    expect(a.losses).toEqual(b.losses);
    expect(Array.from(extractFromPixels(a.extractor, data.images.subarray(0, SIZE * SIZE * 3), 1))).not.toEqual(Array.from(before));
    a.extractor.dispose();
    b.extractor.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  describe('invalid parameters', () => {
    const data = halves(4, 2);
    it.each([
      [{ epochs: 0 }, 'epochs must be a positive integer, got 0'],
      [{ batchSize: 1.5 }, 'batchSize must be a positive integer, got 1.5'],
      [{ learningRate: -1 }, 'learningRate must be a number in'],
      [{ seed: -2 }, 'seed must be a non-negative integer, got -2'],
      [{ lr: 1 }, 'unknown option "lr"'],
    ])('%j', (partial, message) => {
      expect(() => resolveSupervisedOptions(partial as never)).toThrow(message);
    });
    it('rejects data that does not fit the extractor', () => {
      const e = make();
      expect(() => trainSupervised(e, { ...data, images: data.images.subarray(3) })).toThrow('expected 4 x 8x8x3');
      expect(() => trainSupervised(e, { ...data, numClasses: 1 })).toThrow('at least 2 classes, got 1');
      expect(() => trainSupervised(e, { ...data, labels: Int32Array.from([0, 1, 2, 0]) })).toThrow('labels must lie in 0..1');
      expect(() => trainSupervised({ ...e, id: e.id, variables: [] }, data)).toThrow('has no trainable variables');
      e.dispose();
    });
  });
});
