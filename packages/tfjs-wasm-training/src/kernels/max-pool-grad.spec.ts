import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { selectBackend } from '../backend/select-backend';
import { relativeError } from '../ops/relative-error';
import { maxPoolGradValues } from './max-pool-grad';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

const SHAPE: [number, number, number, number] = [2, 9, 8, 3];
const CASES = [1, 2, 3].flatMap((k) => [1, 2].flatMap((s) => (['same', 'valid'] as const).map((pad) => ({ k, s, pad }))));

function runGrad(x: Float32Array, dy: Float32Array, dyShape: number[], c: (typeof CASES)[number]): Float32Array {
  return tf.tidy(() => {
    const input = tf.tensor4d(x, SHAPE);
    const output = tf.maxPool(input, c.k, c.s, c.pad);
    const attrs = { filterSize: c.k, strides: c.s, pad: c.pad };
    const dx = tf.engine().runKernel(tf.MaxPoolGrad, { dy: tf.tensor(dy, dyShape), input, output }, attrs) as tf.Tensor;
    return dx.dataSync() as Float32Array;
  });
}

describe('wasm MaxPoolGrad', () => {
  beforeAll(async () => {
    await selectBackend('wasm', { log: () => undefined });
    registerWasmTrainingKernels();
  });

  it.each(CASES.map((c) => [`k${c.k} s${c.s} ${c.pad}`, c] as const))('%s: equals the cpu kernel', async (_name, c) => {
    const x = tf.tidy(() => tf.randomUniform(SHAPE, -1, 1, 'float32', 4).dataSync() as Float32Array);
    const outShape = tf.tidy(() => tf.maxPool(tf.zeros(SHAPE) as tf.Tensor4D, c.k, c.s, c.pad).shape);
    const dy = tf.tidy(() => tf.randomUniform(outShape, -1, 1, 'float32', 5).dataSync() as Float32Array);
    await tf.setBackend('cpu');
    const want = runGrad(x, dy, outShape, c);
    await tf.setBackend('wasm');
    const start = tf.memory().numTensors;
    const got = runGrad(x, dy, outShape, c);
    expect(tf.memory().numTensors).toBe(start);
    expect(relativeError(got, want)).toBeLessThan(1e-6);
  });

  it('sends each gradient to the first maximum of its window', () => {
    const info = tf.backend_util.computePool2DInfo([1, 2, 2, 1], 2, 2, 1, 'valid');
    const dx = maxPoolGradValues(new Float32Array([1, 3, 3, 2]), new Float32Array([5]), info);
    expect(Array.from(dx)).toEqual([0, 5, 0, 0]);
  });

  it('1x1 windows pass dy through at the sampled pixels', () => {
    const info = tf.backend_util.computePool2DInfo([1, 2, 2, 1], 1, 2, 1, 'same');
    const dx = maxPoolGradValues(new Float32Array([-1, -2, -3, -4]), new Float32Array([7]), info);
    expect(Array.from(dx)).toEqual([7, 0, 0, 0]);
  });
});
