import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { resolveModelOptions } from '../model/config';
import { ensureGradients } from '@mtssl/tfjs-wasm-training';
import { MultiTaskNet } from '../model/network';
import { forwardFlops, kernelFlops } from './flops';
import { benchTaskStep, benchTrunkStep } from './step-bench';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ensureGradients();
});

describe('FLOP counting', () => {
  it('counts a convolution and matrix products (transposed or batched) exactly', async () => {
    const x = tf.zeros([2, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.zeros([3, 3, 3, 4]) as tf.Tensor4D;
    expect(await forwardFlops(() => tf.conv2d(x, w, 2, 'same'))).toBe(2 * 2 * 4 * 4 * 4 * 9 * 3);
    const a = tf.zeros([5, 7]);
    const b = tf.zeros([6, 7]);
    expect(await forwardFlops(() => tf.matMul(a, b, false, true))).toBe(2 * 5 * 6 * 7);
    expect(kernelFlops(tf.BatchMatMul, [[3, 5, 7], [3, 7, 2]], [[3, 5, 2]])).toBe(2 * 3 * 5 * 2 * 7);
    expect(kernelFlops(tf.Add, [[4], [4]], [[4]])).toBe(0);
    tf.dispose([x, w, a, b]);
  });

  it('benchmarks a task step and a trunk step without leaking tensors', async () => {
    const net = new MultiTaskNet(resolveModelOptions('tiny', { numBins: 4, seed: 3 }), ['motion']);
    const start = tf.memory().numTensors;
    const task = await benchTaskStep(net, 'motion', { batchSize: 2, side: 16, repeats: 1 });
    const trunk = await benchTrunkStep(net, { batchSize: 2, side: 16, repeats: 1 });
    expect(tf.memory().numTensors).toBe(start);
    for (const b of [task, trunk]) {
      expect(b.msPerStep).toBeGreaterThan(0);
      expect(b.peakBytes).toBeGreaterThan(0);
    }
    // The motion head adds convolutions on top of the trunk.
    expect(task.trainingFlops).toBeGreaterThan(trunk.trainingFlops);
    net.dispose();
  });
});
