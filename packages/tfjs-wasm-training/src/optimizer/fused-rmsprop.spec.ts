import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { selectBackend } from '../backend/select-backend';
import { relativeError } from '../ops/relative-error';
import { FusedRmsProp } from './fused-rmsprop';

const SETTINGS = [0.01, 0.9, 0.9, 1e-3] as const;

/** Three steps on two variables; returns the values and the optimizer's saved slots. */
async function run(make: () => tf.Optimizer, tag: string): Promise<Record<string, Float32Array>> {
  const inits = [tf.randomUniform([5, 7], -1, 1, 'float32', 1), tf.randomUniform([3], -1, 1, 'float32', 2)];
  const [a, b] = inits.map((t, i) => tf.variable(t, true, `${tag}/${'ab'[i]}`)) as [tf.Variable, tf.Variable];
  tf.dispose(inits);
  const optimizer = make();
  for (let step = 0; step < 3; step++) {
    const grads = tf.tidy(() => ({ [a.name]: tf.mul(tf.sin(a), step + 1), [b.name]: tf.sub(tf.square(b), 0.5) }));
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  const out: Record<string, Float32Array> = { a: a.dataSync() as Float32Array, b: b.dataSync() as Float32Array };
  for (const w of await optimizer.getWeights()) {
    out[w.name.replace(`${tag}/`, '')] = w.tensor.dataSync() as Float32Array;
    if (w.name === 'iter') w.tensor.dispose(); // made fresh by getWeights; the slots are the optimizer's
  }
  optimizer.dispose();
  tf.dispose([a, b]);
  return out;
}

describe('FusedRmsProp', () => {
  beforeAll(async () => {
    await selectBackend('wasm', { log: () => undefined });
  });
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  it.each(['wasm', 'cpu'])('on %s: same values and slots as tfjs RMSProp, nothing leaked', async (backend) => {
    await tf.setBackend(backend);
    const start = tf.memory().numTensors;
    const want = await run(() => tf.train.rmsprop(...SETTINGS), `ref-${backend}`);
    const got = await run(() => new FusedRmsProp(...SETTINGS), `fused-${backend}`);
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    expect(Object.keys(got)).toEqual(expect.arrayContaining(['a/rms', 'a/momentum', 'b/rms', 'b/momentum', 'iter']));
    for (const key of Object.keys(want)) expect(relativeError(got[key]!, want[key]!)).toBeLessThan(1e-6);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('resumes from setWeights as tfjs RMSProp does', async () => {
    const v = tf.variable(tf.tensor1d([1, -2, 3]), true, 'resume/v');
    const grad = (): tf.NamedTensorMap => ({ [v.name]: tf.tensor1d([0.5, 0.25, -1]) });
    const first = new FusedRmsProp(...SETTINGS);
    tf.tidy(() => first.applyGradients(grad()));
    const saved = (await first.getWeights()).map((w) => ({ name: w.name, tensor: tf.clone(w.tensor) }));
    const second = new FusedRmsProp(...SETTINGS);
    await second.setWeights(saved);
    const reference = tf.train.rmsprop(...SETTINGS);
    await reference.setWeights(saved.map((w) => ({ name: w.name, tensor: tf.clone(w.tensor) })));
    const copy = tf.variable(v.clone(), true, 'resume/copy');
    tf.tidy(() => second.applyGradients(grad()));
    tf.tidy(() => reference.applyGradients({ [copy.name]: grad()[v.name]! }));
    expect(relativeError(v.dataSync() as Float32Array, copy.dataSync() as Float32Array)).toBeLessThan(1e-6);
    tf.dispose([v, copy, ...saved.map((w) => w.tensor)]);
    [first, second, reference].forEach((o) => o.dispose());
  });
});
