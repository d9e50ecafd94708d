import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { selectBackend } from '../backend/select-backend';
import { relativeError } from '../ops/relative-error';
import { largestDivisorAtMost, matMulTransposeA } from './chunked-matmul';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';
import { reducePermutation, transposeValues } from './transpose-values';

type Values = number[];

async function onBackend<T>(name: string, f: () => T): Promise<T> {
  await tf.setBackend(name);
  return f();
}

/** Runs f on cpu and on wasm with the same inputs; wasm must leave no tensor behind. */
async function both(f: () => Values): Promise<{ cpu: Values; wasm: Values }> {
  const cpu = await onBackend('cpu', () => tf.tidy(f));
  const wasm = await onBackend('wasm', () => {
    const start = tf.memory().numTensors;
    const out = tf.tidy(f);
    expect(tf.memory().numTensors).toBe(start);
    return out;
  });
  return { cpu, wasm };
}

function ramp(shape: number[], dtype: 'float32' | 'int32' | 'bool' = 'float32'): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? i % 3 === 0 : i * 1.5 - 7));
  return dtype === 'bool' ? tf.tensor(values as boolean[], shape, 'bool') : tf.tensor(values as number[], shape, dtype);
}

const TRANSPOSES: Array<[number[], number[]]> = [
  [[5, 7], [1, 0]],
  [[130, 70], [1, 0]],
  [[16, 8], [1, 0]],
  [[9, 12], [1, 0]],
  [[12, 9], [1, 0]],
  [[2, 68, 132], [0, 2, 1]],
  [[2, 3, 4, 5], [3, 1, 2, 0]],
  [[3, 4, 5, 6], [1, 2, 0, 3]],
  [[2, 1, 3, 4], [0, 3, 2, 1]],
  [[4, 1, 1, 6], [3, 1, 2, 0]],
  [[3, 65, 66], [0, 2, 1]],
  [[2, 3, 4, 5, 2], [4, 0, 3, 1, 2]],
  [[1, 1, 1], [2, 1, 0]],
  [[6], [0]],
  [[2, 3, 4], [0, 1, 2]],
];

describe('wasm heap kernels (Slice, Transpose, Identity)', () => {
  beforeAll(async () => {
    await selectBackend('wasm', { log: () => undefined });
    registerWasmTrainingKernels();
  });
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  it.each(TRANSPOSES.map(([s, p]) => [`[${s}] by [${p}]`, s, p] as const))('transpose %s equals the cpu backend', async (_n, shape, perm) => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      const { cpu, wasm } = await both(() => Array.from(tf.transpose(ramp(shape, dtype), perm).dataSync()));
      expect(wasm).toEqual(cpu);
    }
  });

  it.each([
    [[4, 5, 6], [1, 0, 0], [2, 5, 6]],
    [[4, 5, 6], [1, 2, 0], [2, 3, 6]],
    [[4, 5, 6], [0, 1, 2], [4, 3, 3]],
    [[3, 4, 5, 6], [1, 0, 2, 1], [2, 4, 2, 4]],
    [[10], [3], [5]],
    [[4, 5], [0, 0], [0, 5]],
  ])('slice of %j from %j, size %j equals the cpu backend', async (shape, begin, size) => {
    for (const dtype of ['float32', 'int32'] as const) {
      const { cpu, wasm } = await both(() => Array.from(tf.slice(ramp(shape, dtype), begin, size).dataSync()));
      expect(wasm).toEqual(cpu);
    }
  });

  it('clone shares memory yet outlives its source; string slices still work', () => {
    const x = tf.tensor([1, 2, 3]);
    const y = tf.clone(x);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
    const t = tf.slice(tf.tensor(['a', 'b', 'c']), [1], [2]);
    expect(t.dataSync()).toEqual(['b', 'c']);
    t.dispose();
  });

  it('registering twice keeps one wrapper around the original kernel', () => {
    const before = tf.getKernel(tf.Transpose, 'wasm')?.kernelFunc;
    registerWasmTrainingKernels();
    expect(tf.getKernel(tf.Transpose, 'wasm')?.kernelFunc).toBe(before);
    expect(Array.from(tf.tidy(() => tf.transpose(tf.tensor2d([1, 2, 3, 4], [2, 2])).dataSync()))).toEqual([1, 3, 2, 4]);
  });
});

describe('reducePermutation', () => {
  it('merges axes that stay together and drops size-1 axes', () => {
    expect(reducePermutation([8, 4, 4, 16], [3, 1, 2, 0])).toEqual({ shape: [8, 16, 16], perm: [2, 1, 0] });
    expect(reducePermutation([8, 4, 4, 16], [1, 2, 0, 3])).toEqual({ shape: [8, 16, 16], perm: [1, 0, 2] });
    expect(reducePermutation([8, 1, 4], [1, 0, 2])).toEqual({ shape: [32], perm: [0] });
    expect(reducePermutation([1, 1], [1, 0])).toEqual({ shape: [], perm: [] });
  });

  it('transposeValues of a 2x3 matrix', () => {
    const out = new Float32Array(6);
    transposeValues(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], [1, 0], out);
    expect(Array.from(out)).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

describe('matMulTransposeA', () => {
  beforeAll(async () => {
    await selectBackend('wasm', { log: () => undefined });
    registerWasmTrainingKernels();
  });

  it.each([
    [4096, 8, 512],
    [3000, 5, 7],
    [97, 3, 4],
  ])('a^T b with K=%i, M=%i, N=%i equals the cpu backend', async (k, m, n) => {
    const a = () => tf.randomUniform([k, m], -1, 1, 'float32', 1) as tf.Tensor2D;
    const b = () => tf.randomUniform([k, n], -1, 1, 'float32', 2) as tf.Tensor2D;
    const want = await onBackend('cpu', () => tf.tidy(() => tf.matMul(a(), b(), true, false).dataSync() as Float32Array));
    await tf.setBackend('wasm');
    const start = tf.memory().numTensors;
    const got = tf.tidy(() => matMulTransposeA(a(), b()).dataSync() as Float32Array);
    expect(tf.memory().numTensors).toBe(start);
    expect(relativeError(got, want)).toBeLessThan(1e-5);
  });

  it('largestDivisorAtMost', () => {
    expect(largestDivisorAtMost(8192, 1000)).toBe(512);
    expect(largestDivisorAtMost(97, 50)).toBe(1);
    expect(largestDivisorAtMost(12, 100)).toBe(12);
    expect(largestDivisorAtMost(12, 0)).toBe(1);
  });
});
