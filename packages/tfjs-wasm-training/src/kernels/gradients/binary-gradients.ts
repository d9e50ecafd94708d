import * as tf from '@tensorflow/tfjs-core';
import { reduceToShape } from './reduce-to-shape';

type Pair = [tf.Tensor, tf.Tensor];

function binary(kernelName: string, da: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor, db: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as Pair;
      const g = dy as tf.Tensor;
      return { a: () => reduceToShape(da(g, a, b), a.shape), b: () => reduceToShape(db(g, a, b), b.shape) };
    },
  };
}

const mask = (cond: tf.Tensor, dy: tf.Tensor): tf.Tensor => tf.mul(dy, tf.cast(cond, 'float32'));

export const BINARY_GRADIENTS: tf.GradConfig[] = [
  binary(tf.Add, (dy) => dy, (dy) => dy),
  binary(tf.Sub, (dy) => dy, (dy) => tf.neg(dy)),
  binary(tf.Multiply, (dy, _a, b) => tf.mul(dy, b), (dy, a) => tf.mul(dy, a)),
  binary(tf.RealDiv, (dy, _a, b) => tf.div(dy, b), (dy, a, b) => tf.neg(tf.div(tf.mul(dy, a), tf.square(b)))),
  binary(tf.Maximum, (dy, a, b) => mask(tf.greaterEqual(a, b), dy), (dy, a, b) => mask(tf.less(a, b), dy)),
  binary(tf.Minimum, (dy, a, b) => mask(tf.lessEqual(a, b), dy), (dy, a, b) => mask(tf.greater(a, b), dy)),
  binary(tf.SquaredDifference, (dy, a, b) => tf.mul(dy, tf.mul(2, tf.sub(a, b))), (dy, a, b) => tf.mul(dy, tf.mul(-2, tf.sub(a, b)))),
];
