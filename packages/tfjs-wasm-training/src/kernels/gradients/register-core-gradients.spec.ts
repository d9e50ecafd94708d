import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../backend/select-backend';
import { relativeError } from '../../ops/relative-error';
import { numericGradients } from './numeric-gradient';
import { CORE_GRADIENTS, registerCoreGradients } from './register-core-gradients';

type Op = (...xs: tf.Tensor[]) => tf.Tensor;
const T = (x: tf.Tensor): tf.Tensor4D => x as tf.Tensor4D;

// [name, op, input shapes, value range]: inputs kept away from kinks (ties, 0) so finite differences are exact enough.
const CASES: Array<[string, Op, number[][], [number, number]?]> = [
  ['Add (broadcast)', (a, b) => tf.add(a!, b!), [[2, 3], [3]]],
  ['Sub (broadcast)', (a, b) => tf.sub(a!, b!), [[2, 1], [2, 3]]],
  ['Multiply', (a, b) => tf.mul(a!, b!), [[2, 3], [2, 3]]],
  ['RealDiv', (a, b) => tf.div(a!, b!), [[2, 3], [3]], [0.5, 2]],
  ['Maximum', (a, b) => tf.maximum(a!, tf.add(b!, 0.05)), [[2, 3], [2, 3]]],
  ['Minimum', (a, b) => tf.minimum(a!, tf.add(b!, 0.05)), [[2, 3], [2, 3]]],
  ['SquaredDifference', (a, b) => tf.squaredDifference(a!, b!), [[2, 3], [3]]],
  ['Neg', (a) => tf.neg(a!), [[4]]],
  ['Square', (a) => tf.square(a!), [[4]]],
  ['Log', (a) => tf.log(a!), [[4]], [0.5, 2]],
  ['Sqrt', (a) => tf.sqrt(a!), [[4]], [0.5, 2]],
  ['Rsqrt', (a) => tf.rsqrt(a!), [[4]], [0.5, 2]],
  ['Exp', (a) => tf.exp(a!), [[4]]],
  ['Sigmoid', (a) => tf.sigmoid(a!), [[4]]],
  ['Tanh', (a) => tf.tanh(a!), [[4]]],
  ['Abs', (a) => tf.abs(a!), [[4]], [0.3, 1]],
  ['Relu', (a) => tf.relu(tf.sub(a!, 0.5)), [[6]], [0.6, 1]],
  ['Sum', (a) => tf.sum(a!, [0, 2]), [[2, 3, 2]]],
  ['Mean', (a) => tf.mean(a!, 1, true), [[2, 3, 2]]],
  ['Max', (a) => tf.max(a!, -1), [[2, 4]]],
  ['Min', (a) => tf.min(a!, 0), [[3, 2]]],
  ['Softmax', (a) => tf.softmax(a!), [[2, 4]]],
  ['Reshape', (a) => tf.mul(tf.reshape(a!, [3, 2]), tf.tensor2d([[1, 2], [3, 4], [5, 6]])), [[2, 3]]],
  ['Transpose', (a) => tf.mul(tf.transpose(a!, [1, 2, 0]), tf.reshape(tf.range(0, 12), [3, 2, 2])), [[2, 3, 2]]],
  ['Slice', (a) => tf.slice(a!, [1, 0], [1, 2]), [[2, 3]]],
  ['PadV2', (a) => tf.mul(tf.pad(a!, [[1, 0], [0, 2]]), tf.reshape(tf.range(1, 16), [3, 5])), [[2, 3]]],
  ['Concat', (a, b) => tf.mul(tf.concat([a!, b!], 1), tf.reshape(tf.range(1, 11), [2, 5])), [[2, 3], [2, 2]]],
  ['Pack', (a, b) => tf.mul(tf.stack([a!, b!], 1), tf.reshape(tf.range(1, 7), [3, 2])), [[3], [3]]],
  ['BatchMatMul', (a, b) => tf.matMul(a!, b!), [[2, 3], [3, 4]]],
  ['BatchMatMul transposed', (a, b) => tf.matMul(a!, b!, true, true), [[3, 2], [4, 3]]],
  ['BatchMatMul batched', (a, b) => tf.matMul(a!, b!, false, true), [[2, 2, 3], [2, 4, 3]]],
  ['BN-style chain', (a) => tf.div(tf.sub(T(a!), tf.mean(a!, [0, 1, 2])), tf.sqrt(tf.add(tf.moments(a!, [0, 1, 2]).variance, 1e-3))), [[2, 2, 2, 3]]],
];

describe('core gradients', () => {
  beforeAll(async () => {
    await selectBackend('cpu', { log: () => undefined });
  });

  it('registers idempotently and covers every listed kernel', () => {
    expect(registerCoreGradients()).toBe(0);
    for (const config of CORE_GRADIENTS) expect(tf.getGradient(config.kernelName)).toBeDefined();
  });

  it.each(CASES)('%s matches finite differences', async (_name, op, shapes, range = [-1, 1]) => {
    const start = tf.memory().numTensors;
    const inputs = shapes.map((s, i) => tf.randomUniform(s, range[0], range[1], 'float32', 17 + i));
    const weights = tf.tidy(() => tf.randomUniform(op(...inputs).shape, 0.5, 1.5, 'float32', 3));
    const loss = (...xs: tf.Tensor[]): tf.Scalar => tf.sum(tf.mul(op(...xs), weights));
    const analytic = tf.grads(loss)(inputs);
    const numeric = numericGradients(loss, inputs);
    for (let i = 0; i < inputs.length; i++) {
      expect(relativeError(await analytic[i]!.data(), numeric[i]!)).toBeLessThan(2e-2);
    }
    tf.dispose([...analytic, ...inputs, weights]);
    expect(tf.memory().numTensors).toBe(start);
  });
});
