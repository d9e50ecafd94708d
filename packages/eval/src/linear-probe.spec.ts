import * as tf from '@tensorflow/tfjs-core';
import { probeFeatures } from './linear-probe';
import { resolveProbeOptions } from './probe-options';
import { gaussianClusters } from './testing/clusters';
import { useCpuBackend } from './testing/cpu-backend';

beforeAll(useCpuBackend);

const options = resolveProbeOptions({ epochs: 150 });

describe('probeFeatures', () => {
  it('is near perfect on separable Gaussian clusters and leaks no tensors', () => {
    const start = tf.memory().numTensors;
    const train = gaussianClusters(1, 40, 4, 16, 1, 0);
    const test = gaussianClusters(1, 25, 4, 16, 1, 1);
    const fit = probeFeatures(train, test, 16, 4, options);
    expect(fit.scores.top1).toBeGreaterThanOrEqual(0.95);
    expect(fit.scores.top2).toBeGreaterThanOrEqual(fit.scores.top1);
    expect(fit.scores.top5).toBe(1);
    expect(fit.scores.top5Trivial).toBe(true);
    expect(fit.scores.losses[fit.scores.losses.length - 1]).toBeLessThan(fit.scores.losses[0] as number);
    expect(fit.scores.testCount).toBe(100);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('reaches chance-level top-1 when labels carry no information', () => {
    const train = gaussianClusters(2, 60, 1, 8, 1);
    const labels = Int32Array.from(train.labels, (_, i) => i % 3);
    const test = gaussianClusters(2, 60, 1, 8, 1, 1);
    const testLabels = Int32Array.from(test.labels, (_, i) => (i * 7) % 3);
    const fit = probeFeatures({ x: train.x, labels }, { x: test.x, labels: testLabels }, 8, 3, options);
    expect(fit.scores.top1).toBeLessThan(0.6);
  });

  it('is deterministic for a seed and changes with it', () => {
    const data = gaussianClusters(4, 20, 3, 6, 2);
    const a = probeFeatures(data, data, 6, 3, options);
    const b = probeFeatures(data, data, 6, 3, options);
    const c = probeFeatures(data, data, 6, 3, resolveProbeOptions({ epochs: 150, seed: 9 }));
    expect(Array.from(a.layer.weights)).toEqual(Array.from(b.layer.weights));
    expect(Array.from(a.layer.weights)).not.toEqual(Array.from(c.layer.weights));
  });

  describe('invalid parameters', () => {
    const data = gaussianClusters(5, 5, 2, 4, 1);
    it('rejects fewer than 2 classes', () => {
      expect(() => probeFeatures(data, data, 4, 1, options)).toThrow('at least 2 classes, got 1');
    });
    it('rejects mismatched feature sizes', () => {
      expect(() => probeFeatures({ x: data.x.subarray(1), labels: data.labels }, data, 4, 2, options)).toThrow('train features have 39 values, expected 10 x 4');
    });
    it('rejects labels outside the classes', () => {
      expect(() => probeFeatures(data, { x: data.x, labels: data.labels.map(() => 5) }, 4, 2, options)).toThrow('test label 5 outside 0..1');
    });
    it('rejects an empty split', () => {
      expect(() => probeFeatures(data, { x: new Float32Array(0), labels: new Int32Array(0) }, 4, 2, options)).toThrow('the test split is empty');
    });
  });
});
