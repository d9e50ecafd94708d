import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../backend/select-backend';
import { relativeError } from '../../ops/relative-error';
import { CONV2D_GRADIENT } from '../conv2d-gradient';
import { ensureGradients } from './ensure-gradients';
import { EXTRA_GRADIENTS } from './extra-gradients';
import { numericGradients } from './numeric-gradient';

type Op = (x: tf.Tensor) => tf.Tensor;

// Values 0.5 apart in a scrambled order ((13 i) mod 32 is a permutation), so no step of the finite
// differences changes which element of a window is the largest.
const spread = (x: tf.Tensor): tf.Tensor => tf.add(x, tf.reshape(tf.tensor1d(Array.from({ length: 32 }, (_, i) => ((13 * i) % 32) * 0.5)), [1, 4, 4, 2]));

// A new array: the engine's tape holds the one unstack returned, so reversing that in place would corrupt it.
const permuted = (ts: tf.Tensor[]): tf.Tensor[] => [2, 0, 1].map((i) => ts[i] as tf.Tensor);

// Inputs kept away from ties and from log1p's pole so finite differences are exact enough.
const CASES: Array<[string, Op, number[], [number, number]]> = [
  ['MaxPool', (x) => tf.maxPool(spread(x) as tf.Tensor4D, 2, 2, 'valid'), [1, 4, 4, 2], [-0.1, 0.1]],
  ['Unpack', (x) => tf.mul(tf.stack(permuted(tf.unstack(x, 1)), 1), tf.reshape(tf.range(1, 7), [2, 3])), [2, 3], [-1, 1]],
  ['Log1p', (x) => tf.log1p(x), [5], [0, 2]],
];

describe('ensureGradients', () => {
  beforeAll(async () => {
    await selectBackend('cpu', { log: () => undefined });
  });

  it('registers the extra gradients and puts our Conv2D gradient back over a foreign one', () => {
    ensureGradients();
    for (const config of EXTRA_GRADIENTS) expect(tf.getGradient(config.kernelName)).toBeDefined();
    tf.unregisterGradient(tf.Conv2D);
    tf.registerGradient({ kernelName: tf.Conv2D, gradFunc: () => ({}) });
    ensureGradients();
    expect(tf.getGradient(tf.Conv2D)?.gradFunc).toBe(CONV2D_GRADIENT.gradFunc);
  });

  it.each(CASES)('%s matches finite differences', async (_name, op, shape, range) => {
    ensureGradients();
    const start = tf.memory().numTensors;
    const x = tf.randomUniform(shape, range[0], range[1], 'float32', 7);
    const weights = tf.tidy(() => tf.randomUniform(op(x).shape, 0.5, 1.5, 'float32', 3));
    const loss = (a: tf.Tensor): tf.Scalar => tf.sum(tf.mul(op(a), weights));
    const analytic = tf.grad(loss)(x);
    const [numeric] = numericGradients(loss, [x]);
    expect(relativeError(await analytic.data(), numeric as Float32Array)).toBeLessThan(2e-2);
    tf.dispose([analytic, x, weights]);
    expect(tf.memory().numTensors).toBe(start);
  });
});
