import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { scaleTrunkGradients } from './trunk-grad-norm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const norm = (ts: tf.Tensor[]) => Math.sqrt(ts.reduce((s, t) => s + (tf.tidy(() => tf.sum(tf.square(t)).dataSync()[0]) as number), 0));

describe('scaleTrunkGradients', () => {
  it('scales the trunk entries together to the target norm and leaves the rest', () => {
    const start = tf.memory().numTensors;
    const grads = { 'net0/trunk/a': tf.tensor1d([3, 0]), 'net0/trunk/b': tf.tensor2d([[0, 4]]), 'net0/head/x': tf.tensor1d([10]) };
    const { grads: out, created } = scaleTrunkGradients(grads, new Set(['net0/trunk/a', 'net0/trunk/b']), 0.5);
    expect(norm([out['net0/trunk/a'] as tf.Tensor, out['net0/trunk/b'] as tf.Tensor])).toBeCloseTo(0.5, 6);
    // direction kept: 3:4 becomes 0.3:0.4
    expect(Array.from((out['net0/trunk/a'] as tf.Tensor).dataSync())).toEqual([expect.closeTo(0.3, 6), 0]);
    expect(Array.from((out['net0/trunk/b'] as tf.Tensor).dataSync())).toEqual([0, expect.closeTo(0.4, 6)]);
    expect(out['net0/head/x']).toBe(grads['net0/head/x']);
    expect(created).toHaveLength(2);
    tf.dispose([...Object.values(grads), ...created]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('keeps a zero gradient zero and passes a map without trunk entries through', () => {
    const zero = { 'net0/trunk/a': tf.zeros([3]) };
    const a = scaleTrunkGradients(zero, new Set(['net0/trunk/a']), 1);
    expect(Array.from((a.grads['net0/trunk/a'] as tf.Tensor).dataSync())).toEqual([0, 0, 0]);
    const head = { 'net0/head/x': tf.ones([2]) };
    const b = scaleTrunkGradients(head, new Set(['net0/trunk/a']), 1);
    expect(b.grads).toBe(head);
    expect(b.created).toEqual([]);
    tf.dispose([...Object.values(zero), ...a.created, ...Object.values(head)]);
  });
});
