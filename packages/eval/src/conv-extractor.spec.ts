import * as tf from '@tensorflow/tfjs-core';
import { createConvExtractor, resolveConvExtractorOptions } from './conv-extractor';
import { extractFromPixels } from './features';
import { useCpuBackend } from './testing/cpu-backend';

beforeAll(useCpuBackend);

function pixels(n: number, size: number): Float32Array {
  return Float32Array.from({ length: n * size * size * 3 }, (_, i) => Math.sin(i * 0.37));
}

describe('createConvExtractor', () => {
  it('gives identical features for the same seed, different ones for another, and leaks nothing', () => {
    const start = tf.memory().numTensors;
    const a = createConvExtractor({ inputSize: 16, widths: [4, 8], seed: 1 });
    const b = createConvExtractor({ inputSize: 16, widths: [4, 8], seed: 1 });
    const c = createConvExtractor({ inputSize: 16, widths: [4, 8], seed: 2 });
    const x = pixels(3, 16);
    const fa = extractFromPixels(a, x, 3);
    expect(fa.length).toBe(3 * 8);
    expect(a.featureDim).toBe(8);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
    expect(Array.from(extractFromPixels(b, x, 3))).toEqual(Array.from(fa));
    expect(Array.from(extractFromPixels(c, x, 3))).not.toEqual(Array.from(fa));
    [a, b, c].forEach((e) => e.dispose());
    expect(tf.memory().numTensors).toBe(start);
  });

  describe('invalid parameters', () => {
    it.each([
      [{ inputSize: 0 }, 'inputSize must be a positive integer, got 0'],
      [{ inputSize: 4, widths: [2, 2, 2, 2, 2] }, 'inputSize must be at least 32 for 5 stride-2 layers, got 4'],
      [{ widths: [] }, 'widths must be a non-empty list'],
      [{ widths: [3, -1] }, 'widths[1] must be a positive integer, got -1'],
      [{ seed: -1 }, 'seed must be a non-negative integer, got -1'],
      [{ depth: 3 }, 'unknown option "depth"'],
    ])('%j', (partial, message) => {
      expect(() => resolveConvExtractorOptions(partial as never)).toThrow(message);
    });
  });
});
