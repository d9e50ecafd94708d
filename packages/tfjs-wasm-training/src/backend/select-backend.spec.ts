import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from './select-backend';

describe('selectBackend', () => {
  const lines: string[] = [];
  const log = (line: string): void => {
    lines.push(line);
  };

  it('selects cpu on request and prints the choice', async () => {
    const choice = await selectBackend('cpu', { log });
    expect(choice).toEqual({ name: 'cpu', reason: 'requested' });
    expect(tf.getBackend()).toBe('cpu');
    expect(lines.at(-1)).toBe('backend: cpu (requested)');
  });

  it('selects wasm on request and runs a conv2d on it', async () => {
    const choice = await selectBackend('wasm', { log });
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const y = tf.tidy(() => tf.sum(tf.conv2d(tf.ones([1, 3, 3, 1]) as tf.Tensor4D, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, 'same')));
    expect(await y.data()).toEqual(new Float32Array([4 + 6 + 4 + 6 + 9 + 6 + 4 + 6 + 4]));
    y.dispose();
  });

  it('fails with a clear message when tensorflow is not installed', async () => {
    await expect(selectBackend('tensorflow', { log })).rejects.toThrow(/backend 'tensorflow' requested but not available: Cannot find module '@tensorflow\/tfjs-node-gpu'.*Install @tensorflow\/tfjs-node/);
  });

  it('auto picks wasm here and says why', async () => {
    const choice = await selectBackend('auto', { log });
    expect(choice.name).toBe('wasm');
    expect(lines.at(-1)).toMatch(/^backend: wasm \(tfjs-node not installed: Cannot find module '@tensorflow\/tfjs-node-gpu'/);
  });

  it('rejects bad options at the boundary', async () => {
    await expect(selectBackend('gpu' as 'cpu')).rejects.toThrow('backend must be one of "auto", "tensorflow", "wasm", "cpu", got "gpu"');
    await expect(selectBackend('cpu', { threads: 0 })).rejects.toThrow('threads must be a positive integer, got 0');
    await expect(selectBackend('wasm', { threads: 9, log })).rejects.toThrow('threads must be an integer from 1 to 8 for the wasm backend, got 9');
    // wasm starts once per process: this one already runs single-threaded
    await expect(selectBackend('wasm', { threads: 2, log })).rejects.toThrow('the wasm backend already runs with 1 thread(s) in this process; 2 requested');
    await expect(selectBackend('cpu', { thread: 1 } as object)).rejects.toThrow(/unknown option "thread"/);
    await expect(selectBackend('cpu', { winograd: 'no' as unknown as boolean })).rejects.toThrow('winograd must be a boolean, got "no"');
  });
});
