import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { selectBackend } from '../backend/select-backend';
import { relativeError } from './relative-error';
import { softCrossEntropy } from './soft-cross-entropy';

/** The textbook composition the fused op replaces. */
function reference(logits: tf.Tensor, target: tf.Tensor): tf.Tensor {
  return tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(logits)), -1));
}

/** Soft targets: non-negative, summing to `total` at each position. */
function softTarget(shape: number[], total: number, seed: number): tf.Tensor {
  return tf.tidy(() => {
    const r = tf.randomUniform(shape, 0, 1, 'float32', seed);
    return tf.mul(tf.div(r, tf.sum(r, -1, true)), total);
  });
}

describe('softCrossEntropy', () => {
  it.each([
    ['wasm', [2, 3, 4, 313], 1],
    ['wasm', [5, 7], 0.6],
    ['cpu', [2, 3, 4, 9], 1],
  ])('%s %j, targets summing to %p: value and gradient equal logSoftmax cross-entropy, without leaking', async (backend, shape, total) => {
    if (backend === 'wasm') await selectBackend('wasm', { log: () => undefined });
    else await tf.setBackend('cpu');
    const dims = shape as number[];
    // large logits: the max shift must keep exp finite
    const logits = tf.randomNormal(dims, 0, 30, 'float32', 3);
    const target = softTarget(dims, total as number, 4);
    const dy = tf.randomUniform(dims.slice(0, -1), 0.5, 2, 'float32', 5);
    const grad = (f: typeof reference) => tf.grad((z: tf.Tensor) => tf.sum(tf.mul(f(z, target), dy)));
    const want = tf.tidy(() => reference(logits, target));
    const wantGrad = grad(reference)(logits);
    // outside any tidy: the op itself leaves nothing but its result
    const start = tf.memory().numTensors;
    const got = softCrossEntropy(logits, target);
    expect(tf.memory().numTensors).toBe(start + 1);
    const gotGrad = grad(softCrossEntropy)(logits);
    expect(tf.memory().numTensors).toBe(start + 2);
    expect(got.shape).toEqual(dims.slice(0, -1));
    expect(Number.isFinite(got.dataSync()[0])).toBe(true);
    expect(relativeError(got.dataSync() as Float32Array, want.dataSync() as Float32Array)).toBeLessThan(1e-5);
    expect(relativeError(gotGrad.dataSync() as Float32Array, wantGrad.dataSync() as Float32Array)).toBeLessThan(1e-5);
    tf.dispose([got, gotGrad]);
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([logits, target, dy, want, wantGrad]);
  });

  describe('invalid parameters', () => {
    it('rejects logits and targets of different shapes, naming both', () => {
      const a = tf.zeros([2, 3]);
      const b = tf.zeros([2, 4]);
      expect(() => softCrossEntropy(a, b)).toThrow('softCrossEntropy: logits and target must have the same shape, got [2, 3] and [2, 4]');
      tf.dispose([a, b]);
    });
  });
});
