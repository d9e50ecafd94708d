import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../backend/select-backend';
import { batchNormRelu, batchNormReluInference } from './batch-norm-relu';
import { relativeError } from './relative-error';

const quiet = { log: (): void => undefined };

/** Composite reference from tfjs's own differentiable ops. */
function reference(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number, relu: boolean): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  const z = tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, epsilon))), gamma), beta) as tf.Tensor4D;
  return relu ? tf.relu(z) : z;
}

function inputs(seed: number): { x: tf.Tensor4D; gamma: tf.Tensor1D; beta: tf.Tensor1D; w: tf.Tensor4D } {
  const shape: [number, number, number, number] = [3, 4, 5, 6];
  return tf.tidy(() => ({
    x: tf.add(tf.randomNormal(shape, 0, 2, 'float32', seed), 0.5) as tf.Tensor4D,
    gamma: tf.randomUniform([6], 0.5, 1.5, 'float32', seed + 1) as tf.Tensor1D,
    beta: tf.randomNormal([6], 0, 0.5, 'float32', seed + 2) as tf.Tensor1D,
    w: tf.randomNormal(shape, 0, 1, 'float32', seed + 3) as tf.Tensor4D,
  }));
}

async function maxError(a: tf.Tensor[], b: tf.Tensor[]): Promise<number> {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, relativeError(await a[i]!.data(), await b[i]!.data()));
  return worst;
}

describe.each(['cpu', 'wasm'] as const)('batchNormRelu on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend, quiet);
  });

  it.each([true, false])('matches the composite reference, values and gradients (relu %s)', async (relu) => {
    const start = tf.memory().numTensors;
    const { x, gamma, beta, w } = inputs(relu ? 7 : 11);
    const loss = (fn: (a: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => tf.Tensor4D) =>
      (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Scalar => tf.sum(tf.mul(fn(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D), w));
    const ours = (a: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D): tf.Tensor4D => batchNormRelu(a, g, b, { epsilon: 1e-3, relu }).y;
    const theirs = (a: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D): tf.Tensor4D => reference(a, g, b, 1e-3, relu);
    const got = tf.grads(loss(ours))([x, gamma, beta]);
    const want = tf.grads(loss(theirs))([x, gamma, beta]);
    expect(await maxError(got, want)).toBeLessThan(1e-4);
    const y = tf.tidy(() => [ours(x, gamma, beta), theirs(x, gamma, beta)]);
    expect(await maxError([y[0]!], [y[1]!])).toBeLessThan(1e-5);
    tf.dispose([...got, ...want, ...y, x, gamma, beta, w]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('returns the batch statistics and leaks nothing inside tidy', async () => {
    const start = tf.memory().numTensors;
    const { x, gamma, beta, w } = inputs(3);
    const out = batchNormRelu(x, gamma, beta, {});
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    expect(relativeError(await out.mean.data(), await mean.data())).toBeLessThan(1e-5);
    expect(relativeError(await out.variance.data(), await variance.data())).toBeLessThan(1e-5);
    tf.dispose([out.y, out.mean, out.variance, mean, variance]);
    tf.tidy(() => {
      batchNormRelu(x, gamma, beta);
    });
    const gammaVar = tf.variable(gamma);
    const g = tf.variableGrads(() => tf.sum(tf.mul(batchNormRelu(x, gammaVar, beta).y, w)), [gammaVar]);
    expect(Object.keys(g.grads)).toEqual([gammaVar.name]);
    tf.dispose(Object.values(g.grads));
    tf.dispose([g.value, gammaVar, x, gamma, beta, w]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('inference mode uses the moving statistics', async () => {
    const start = tf.memory().numTensors;
    const { x, gamma, beta, w } = inputs(5);
    const movingMean = tf.tensor1d([0, 1, -1, 0.5, 2, 0]);
    const movingVariance = tf.tensor1d([1, 2, 0.5, 4, 1, 3]);
    const got = batchNormReluInference(x, gamma, beta, movingMean, movingVariance, { epsilon: 1e-3 });
    const want = tf.tidy(() =>
      tf.relu(tf.add(tf.mul(tf.div(tf.sub(x, movingMean), tf.sqrt(tf.add(movingVariance, 1e-3))), gamma), beta)),
    );
    expect(relativeError(await got.data(), await want.data())).toBeLessThan(1e-5);
    tf.dispose([got, want, x, gamma, beta, w, movingMean, movingVariance]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('rejects bad options and shapes with clear messages', () => {
    const { x, gamma, beta, w } = inputs(1);
    const wrong = tf.zeros([5]) as tf.Tensor1D;
    expect(() => batchNormRelu(x, gamma, beta, { epsilon: 0 })).toThrow('epsilon must be a positive number, got 0');
    expect(() => batchNormRelu(x, gamma, beta, { relu: 1 as unknown as boolean })).toThrow('relu must be a boolean, got 1');
    expect(() => batchNormRelu(x, wrong, beta)).toThrow("gamma must have shape [6] to match x's channels, got [5]");
    expect(() => batchNormRelu(tf.zeros([2, 6]) as unknown as tf.Tensor4D, gamma, beta)).toThrow('x must be rank 4');
    expect(() => batchNormReluInference(x, gamma, beta, gamma, wrong)).toThrow('movingVariance must have shape [6]');
    tf.dispose([x, gamma, beta, w, wrong]);
  });
});
