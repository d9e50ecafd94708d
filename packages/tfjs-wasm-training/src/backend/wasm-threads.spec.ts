import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { relativeError } from '../ops/relative-error';
import { selectBackend } from './select-backend';
import { winogradCalls } from '../kernels/winograd-plan';

// A file of its own: the wasm backend starts once per process, here with two threads.
describe('wasm with 2 threads in Node', () => {
  const blob = globalThis.Blob;
  const cpus = os.cpus().length;
  const lines: string[] = [];

  beforeAll(async () => {
    await selectBackend('wasm', { threads: 2, log: (l) => lines.push(l) });
  });

  it('starts the threaded build, says so, and leaves no shim behind', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(lines).toEqual(['backend: wasm (requested; 2 threads)']);
    expect(globalThis.Blob).toBe(blob);
    expect(os.cpus().length).toBe(cpus);
  });

  it('computes a conv net gradient equal to the cpu backend', async () => {
    const run = (): Float32Array[] =>
      tf.tidy(() => {
        const x = tf.randomUniform([4, 12, 12, 8], -1, 1, 'float32', 1) as tf.Tensor4D;
        const f1 = tf.randomUniform([3, 3, 8, 64], -1, 1, 'float32', 2) as tf.Tensor4D;
        const f2 = tf.randomUniform([1, 1, 64, 32], -1, 1, 'float32', 3) as tf.Tensor4D;
        const loss = (a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar => tf.sum(tf.square(tf.conv2d(tf.relu(tf.conv2d(x, a, 2, 'same')), b, 1, 'same')));
        const grads = tf.grads(loss)([f1, f2]);
        return grads.map((g) => g.dataSync() as Float32Array);
      });
    const start = tf.memory().numTensors;
    const got = run();
    expect(tf.memory().numTensors).toBe(start);
    await tf.setBackend('cpu');
    const want = run();
    await tf.setBackend('wasm');
    got.forEach((g, i) => expect(relativeError(g, want[i] as Float32Array)).toBeLessThan(1e-5));
  });

  it('runs the Winograd path (JS transforms over the shared heap, GEMMs on the pool) like the cpu backend', async () => {
    const run = (): Float32Array[] =>
      tf.tidy(() => {
        const x = tf.randomUniform([8, 9, 8, 64], -1, 1, 'float32', 4) as tf.Tensor4D;
        const f = tf.randomUniform([3, 3, 64, 64], -1, 1, 'float32', 5) as tf.Tensor4D;
        const loss = (a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar => tf.sum(tf.square(tf.conv2d(a, b, 1, 'same', 'NHWC', 2)));
        return tf.grads(loss)([x, f]).map((g) => g.dataSync() as Float32Array);
      });
    const before = winogradCalls();
    const got = run();
    const after = winogradCalls();
    expect([after.conv2d - before.conv2d, after.filterGrad - before.filterGrad]).toEqual([2, 1]);
    await tf.setBackend('cpu');
    const want = run();
    await tf.setBackend('wasm');
    got.forEach((g, i) => expect(relativeError(g, want[i] as Float32Array)).toBeLessThan(1e-5));
  });
});
