import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { selectBackend } from '../backend/select-backend';
import { relativeError } from './relative-error';
import { channelMean } from './channel-mean';

describe('channelMean', () => {
  it.each([
    ['wasm', [3, 5, 4, 6]],
    ['wasm', [2, 1, 1, 7]],
    ['cpu', [3, 5, 4, 6]],
  ])('%s %j: equals the mean over N, H, W without leaking', async (backend, shape) => {
    if (backend === 'wasm') await selectBackend('wasm', { log: () => undefined });
    else await tf.setBackend('cpu');
    const x = tf.randomNormal(shape as number[], 1, 2, 'float32', 7) as tf.Tensor4D;
    const start = tf.memory().numTensors;
    const got = channelMean(x);
    const want = tf.mean(x, [0, 1, 2]);
    expect(got.shape).toEqual([(shape as number[])[3]]);
    expect(relativeError(got.dataSync() as Float32Array, want.dataSync() as Float32Array)).toBeLessThan(1e-6);
    tf.dispose([got, want]);
    expect(tf.memory().numTensors).toBe(start);
    x.dispose();
  });
});
