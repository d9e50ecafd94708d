import * as tf from '@tensorflow/tfjs-core';

/** A gradient from the input x. */
function fromInput(kernelName: string, dx: (dy: tf.Tensor, x: tf.Tensor) => tf.Tensor): tf.GradConfig {
  return { kernelName, inputsToSave: ['x'], gradFunc: (dy, saved) => ({ x: () => dx(dy as tf.Tensor, saved[0]!) }) };
}

/** A gradient from the output y (cheaper where y is already computed). */
function fromOutput(kernelName: string, dx: (dy: tf.Tensor, y: tf.Tensor) => tf.Tensor): tf.GradConfig {
  return { kernelName, outputsToSave: [true], gradFunc: (dy, saved) => ({ x: () => dx(dy as tf.Tensor, saved[0]!) }) };
}

export const UNARY_GRADIENTS: tf.GradConfig[] = [
  fromInput(tf.Neg, (dy) => tf.neg(dy)),
  fromInput(tf.Identity, (dy) => dy),
  fromInput(tf.Cast, (dy) => tf.clone(dy)),
  fromInput(tf.Step, (dy) => tf.zerosLike(dy)),
  fromInput(tf.Square, (dy, x) => tf.mul(dy, tf.mul(2, x))),
  fromInput(tf.Log, (dy, x) => tf.div(dy, x)),
  fromInput(tf.Abs, (dy, x) => tf.mul(dy, tf.sign(x))),
  fromInput(tf.Relu, (dy, x) => tf.mul(dy, tf.step(x))),
  fromOutput(tf.Sqrt, (dy, y) => tf.div(dy, tf.mul(2, y))),
  fromOutput(tf.Rsqrt, (dy, y) => tf.mul(dy, tf.mul(-0.5, tf.pow(y, 3)))),
  fromOutput(tf.Exp, (dy, y) => tf.mul(dy, y)),
  fromOutput(tf.Sigmoid, (dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y)))),
  fromOutput(tf.Tanh, (dy, y) => tf.mul(dy, tf.sub(1, tf.square(y)))),
];
