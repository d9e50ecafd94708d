import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../backend/select-backend';
import { relativeError } from '../ops/relative-error';
import { convGeometry } from './conv-geometry';
import { naiveConvGrads } from './naive-conv-grads';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;
const quiet = { log: (): void => undefined };
const EXPLICIT: Pad = [[0, 0], [1, 2], [2, 0], [0, 0]];
const PADS: Pad[] = ['same', 'valid', EXPLICIT];
const MODES: Array<[number, number]> = [[1, 1], [2, 1], [1, 2]]; // [stride, dilation]
const CASES = [1, 2, 3, 5].flatMap((k) => MODES.flatMap(([s, d]) => PADS.map((pad) => ({ k, s, d, pad }))));
const X_SHAPE = [2, 11, 10, 3];
const COUT = 5;

function label(c: { k: number; s: number; d: number; pad: Pad }): string {
  return `k${c.k} s${c.s} d${c.d} ${typeof c.pad === 'string' ? c.pad : 'explicit'}`;
}

function data(shape: number[], seed: number): Float32Array {
  return tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', seed).dataSync() as Float32Array);
}

describe('conv2d gradients and wasm training kernels', () => {
  beforeAll(async () => {
    await selectBackend('wasm', quiet);
  });

  it('registers idempotently', () => {
    const start = tf.getKernelsForBackend('wasm').length;
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    expect(tf.getKernelsForBackend('wasm').length).toBe(start);
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeDefined();
  });

  it.each(CASES.map((c) => [label(c), c] as const))('%s: gradient on wasm and cpu matches the direct loops', async (_name, c) => {
    const fShape = [c.k, c.k, X_SHAPE[3]!, COUT];
    const g = convGeometry(X_SHAPE, fShape, c.s, c.d, c.pad);
    const x = data(X_SHAPE, 1);
    const w = data(fShape, 2);
    const dyShape = [X_SHAPE[0]!, g.rows.outSize, g.cols.outSize, COUT];
    const dy = data(dyShape, 3);
    const want = naiveConvGrads(x, X_SHAPE, w, fShape, dy, g);
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      const start = tf.memory().numTensors;
      const [xt, wt, dyt] = [tf.tensor4d(x, X_SHAPE as [number, number, number, number]), tf.tensor4d(w, fShape as [number, number, number, number]), tf.tensor(dy, dyShape)];
      const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s, c.pad, 'NHWC', c.d);
      const [dx, dw] = tf.grads(f)([xt, wt], dyt);
      expect(relativeError(await dx!.data(), want.dx)).toBeLessThan(1e-5);
      expect(relativeError(await dw!.data(), want.dw)).toBeLessThan(1e-5);
      tf.dispose([xt, wt, dyt, dx!, dw!]);
      expect(tf.memory().numTensors).toBe(start);
    }
    await tf.setBackend('wasm');
  });

  it.each(CASES.filter((c) => c.d === 1).map((c) => [label(c), c] as const))('%s: wasm backprop kernels match the cpu kernels', async (_name, c) => {
    const fShape: [number, number, number, number] = [c.k, c.k, X_SHAPE[3]!, COUT];
    const g = convGeometry(X_SHAPE, fShape, c.s, 1, c.pad);
    const dyShape: [number, number, number, number] = [X_SHAPE[0]!, g.rows.outSize, g.cols.outSize, COUT];
    const x = data(X_SHAPE, 4);
    const w = data(fShape, 5);
    const dy = data(dyShape, 6);
    const run = async (backend: string): Promise<Float32Array[]> => {
      await tf.setBackend(backend);
      const start = tf.memory().numTensors;
      const xt = tf.tensor4d(x, X_SHAPE as [number, number, number, number]);
      const dyt = tf.tensor4d(dy, dyShape);
      const wt = tf.tensor4d(w, fShape);
      const attrs = { strides: c.s, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: fShape } as unknown as tf.NamedAttrMap;
      const dw = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: xt, dy: dyt }, attrs) as tf.Tensor;
      const dx = tf.conv2dTranspose(dyt, wt, X_SHAPE as [number, number, number, number], c.s, c.pad);
      const out = [(await dw.data()) as Float32Array, (await dx.data()) as Float32Array];
      tf.dispose([xt, dyt, wt, dw, dx]);
      expect(tf.memory().numTensors).toBe(start);
      return out;
    };
    const ours = await run('wasm');
    const cpu = await run('cpu');
    await tf.setBackend('wasm');
    expect(relativeError(ours[0]!, cpu[0]!)).toBeLessThan(1e-5);
    expect(relativeError(ours[1]!, cpu[1]!)).toBeLessThan(1e-5);
  });
});
