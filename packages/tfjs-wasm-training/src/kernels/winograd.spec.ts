import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { selectBackend } from '../backend/select-backend';
import { relativeError } from '../ops/relative-error';
import { registerWasmTrainingKernels, wasmTrainingKernelOptions } from './register-wasm-training-kernels';
import { tileCount, tileOrigins, winogradCalls, WINOGRAD_MIN_CHANNELS, WINOGRAD_MIN_TILES } from './winograd-plan';

type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;
const quiet = { log: (): void => undefined };
const EXPLICIT: Pad = [[0, 0], [2, 0], [1, 3], [0, 0]];

interface Case {
  readonly x: [number, number, number, number];
  readonly cout: number;
  readonly dilation: number;
  readonly pad: Pad;
}

// Batch 8 keeps every case above WINOGRAD_MIN_TILES; odd sides leave tiles half outside the map.
const CASES: Case[] = [
  { x: [8, 8, 8, 64], cout: 64, dilation: 1, pad: 'same' },
  { x: [8, 9, 7, 64], cout: 72, dilation: 1, pad: 'same' },
  { x: [8, 11, 9, 66], cout: 64, dilation: 1, pad: 'valid' },
  { x: [8, 9, 10, 64], cout: 64, dilation: 1, pad: EXPLICIT },
  { x: [8, 8, 8, 64], cout: 64, dilation: 2, pad: 'same' },
  { x: [8, 11, 9, 64], cout: 68, dilation: 2, pad: 'same' },
  { x: [8, 11, 12, 64], cout: 64, dilation: 3, pad: 'same' },
  { x: [8, 13, 12, 64], cout: 64, dilation: 2, pad: EXPLICIT },
];

function label(c: Case): string {
  return `x [${c.x.join(',')}] -> ${c.cout}, dilation ${c.dilation}, pad ${typeof c.pad === 'string' ? c.pad : 'explicit'}`;
}

function data(shape: number[], seed: number): Float32Array {
  return tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', seed).dataSync() as Float32Array);
}

/** y, dL/dx and dL/dw of conv2d for the case on the current backend, and the tensors it left behind. */
async function convAndGrads(c: Case, x: Float32Array, w: Float32Array, dy: Float32Array): Promise<{ out: Float32Array[]; leaked: number; leakedData: number }> {
  const start = tf.memory().numTensors;
  const startData = tf.backend().numDataIds();
  const fShape: [number, number, number, number] = [3, 3, c.x[3], c.cout];
  const xt = tf.tensor4d(x, c.x);
  const wt = tf.tensor4d(w, fShape);
  const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, c.pad, 'NHWC', c.dilation);
  const y = f(xt, wt);
  const dyt = tf.tensor(dy.subarray(0, y.size), y.shape);
  const [dx, dw] = tf.grads(f)([xt, wt], dyt);
  const out = [(await y.data()) as Float32Array, (await dx!.data()) as Float32Array, (await dw!.data()) as Float32Array];
  tf.dispose([xt, wt, y, dyt, dx!, dw!]);
  // the kernels' scratch tensors live outside the engine: the backend's own count must return too
  return { out, leaked: tf.memory().numTensors - start, leakedData: tf.backend().numDataIds() - startData };
}

describe('Winograd F(2x2, 3x3) convolution kernels on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm', quiet);
  });

  afterEach(() => {
    registerWasmTrainingKernels();
  });

  /** Winograd calls made by f: [convolutions, filter gradients]. */
  async function counting<T>(f: () => Promise<T> | T): Promise<{ result: T; conv2d: number; filterGrad: number }> {
    const before = winogradCalls();
    const result = await f();
    const after = winogradCalls();
    return { result, conv2d: after.conv2d - before.conv2d, filterGrad: after.filterGrad - before.filterGrad };
  }

  it.each(CASES.map((c) => [label(c), c] as const))('%s: conv2d and both gradients match the cpu backend', async (_name, c) => {
    const x = data(c.x, 1);
    const w = data([3, 3, c.x[3], c.cout], 2);
    const dy = data([c.x[0], c.x[1] + 4, c.x[2] + 4, c.cout], 3); // enough for any padding here
    await tf.setBackend('wasm');
    const { result: ours, conv2d, filterGrad } = await counting(() => convAndGrads(c, x, w, dy));
    // the forward pass (twice: y, then inside tf.grads), the input gradient (a stride-1 3x3 conv of dy) and
    // the filter gradient all went through Winograd
    expect([conv2d, filterGrad]).toEqual([3, 1]);
    await tf.setBackend('cpu');
    const cpu = await convAndGrads(c, x, w, dy);
    await tf.setBackend('wasm');
    expect(ours.leaked).toBe(0);
    expect(ours.leakedData).toBe(0);
    ours.out.forEach((values, i) => expect(relativeError(values, cpu.out[i]!)).toBeLessThan(1e-5));
  });

  it('registering with winograd: false gives the direct convolution, and the latest registration is in force', async () => {
    const c = CASES[0]!;
    const x = data(c.x, 4);
    const w = data([3, 3, c.x[3], c.cout], 5);
    const dy = data([c.x[0], c.x[1], c.x[2], c.cout], 6);
    const wrapper = tf.getKernel(tf.Conv2D, 'wasm')?.kernelFunc;
    expect(wasmTrainingKernelOptions()).toEqual({ winograd: true });
    await selectBackend('wasm', { ...quiet, winograd: false });
    expect(wasmTrainingKernelOptions()).toEqual({ winograd: false });
    // wasm's own Conv2D is back, not our wrapper deciding against Winograd
    expect(tf.getKernel(tf.Conv2D, 'wasm')?.kernelFunc).not.toBe(wrapper);
    const off = await counting(() => convAndGrads(c, x, w, dy));
    expect([off.conv2d, off.filterGrad]).toEqual([0, 0]);
    const own = tf.getKernel(tf.Conv2D, 'wasm')?.kernelFunc;
    registerWasmTrainingKernels({ winograd: false }); // the same option again changes nothing
    expect(tf.getKernel(tf.Conv2D, 'wasm')?.kernelFunc).toBe(own);
    registerWasmTrainingKernels({ winograd: true });
    expect(wasmTrainingKernelOptions()).toEqual({ winograd: true });
    const on = await counting(() => convAndGrads(c, x, w, dy));
    expect([on.conv2d, on.filterGrad]).toEqual([3, 1]);
    const [direct, winograd] = [off.result, on.result];
    direct.out.forEach((values, i) => expect(relativeError(values, winograd.out[i]!)).toBeLessThan(1e-5));
  });

  it('rejects bad registration options', () => {
    expect(() => registerWasmTrainingKernels({ winograd: 'yes' as unknown as boolean })).toThrow('winograd must be a boolean, got "yes"');
    expect(() => registerWasmTrainingKernels({ winogard: false } as object)).toThrow(/unknown option "winogard"/);
  });

  describe('convolutions it leaves to XNNPACK', () => {
    const NOT_ELIGIBLE: Array<[string, [number, number, number, number], number[], number]> = [
      ['stride 2', [8, 16, 16, 64], [3, 3, 64, 64], 2],
      ['a 5x5 kernel', [8, 8, 8, 64], [5, 5, 64, 64], 1],
      ['a 1x1 kernel', [8, 8, 8, 64], [1, 1, 64, 64], 1],
      [`fewer than ${WINOGRAD_MIN_CHANNELS} input channels`, [8, 8, 8, WINOGRAD_MIN_CHANNELS - 1], [3, 3, WINOGRAD_MIN_CHANNELS - 1, 64], 1],
      [`fewer than ${WINOGRAD_MIN_CHANNELS} output channels`, [8, 8, 8, 64], [3, 3, 64, WINOGRAD_MIN_CHANNELS - 1], 1],
      [`fewer than ${WINOGRAD_MIN_TILES} tiles`, [1, 8, 8, 64], [3, 3, 64, 64], 1],
    ];
    it.each(NOT_ELIGIBLE)('%s', async (_name, xShape, fShape, stride) => {
      const start = tf.memory().numTensors;
      const x = tf.randomNormal(xShape) as tf.Tensor4D;
      const f = tf.randomNormal(fShape) as tf.Tensor4D;
      const run = await counting(() => tf.tidy(() => void tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, 'same'))([x, f])));
      tf.dispose([x, f]);
      expect([run.conv2d, run.filterGrad]).toEqual([0, 0]);
      expect(tf.memory().numTensors).toBe(start);
    });
  });
});

describe('Winograd tiles', () => {
  it.each([
    [8, 1, [0, 2, 4, 6]],
    [5, 1, [0, 2, 4]],
    [8, 2, [0, 4, 1, 5]],
    [5, 2, [0, 4, 1]],
    [7, 3, [0, 6, 1, 2]],
  ])('origins of %i outputs at dilation %i', (size, dilation, want) => {
    const origins = tileOrigins(size, dilation);
    expect(origins).toEqual(want);
    // each output is covered exactly once by a tile's two positions (o, o + dilation)
    const covered = origins.flatMap((o) => [o, o + dilation]).filter((p) => p < size);
    expect([...covered].sort((a, b) => a - b)).toEqual([...Array(size).keys()]);
  });

  it('counts tiles over the batch', () => {
    const s = { batch: 3, inHeight: 9, inWidth: 7, inChannels: 64, outHeight: 9, outWidth: 7, outChannels: 64, dilationHeight: 1, dilationWidth: 1, padTop: 1, padLeft: 1 };
    expect(tileCount(s)).toBe(3 * 5 * 4);
  });
});
