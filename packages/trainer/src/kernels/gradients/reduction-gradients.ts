import * as tf from '@tensorflow/tfjs-core';
import { expandToShape } from './reduce-to-shape';

function axesOf(attrs: tf.NamedAttrMap, key: string, x: tf.Tensor): number[] {
  return tf.util.parseAxisParam(attrs[key] as number | number[], x.shape);
}

export const REDUCTION_GRADIENTS: tf.GradConfig[] = [
  {
    kernelName: tf.Sum,
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({ x: () => expandToShape(dy as tf.Tensor, x!.shape, axesOf(attrs, 'axis', x!)) }),
  },
  {
    kernelName: tf.Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => {
      const axes = axesOf(attrs, 'axis', x!);
      const count = axes.reduce((n, a) => n * x!.shape[a]!, 1);
      return { x: () => expandToShape(tf.div(dy as tf.Tensor, count), x!.shape, axes) };
    },
  },
  {
    kernelName: tf.Max,
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, [x, y], attrs) => {
      const axes = axesOf(attrs, 'reductionIndices', x!);
      return {
        x: () => {
          const kept = x!.shape.map((s, i) => (axes.includes(i) ? 1 : s));
          const isMax = tf.cast(tf.equal(x!, tf.reshape(y!, kept)), 'float32');
          return tf.mul(isMax, expandToShape(dy as tf.Tensor, x!.shape, axes));
        },
      };
    },
  },
  {
    kernelName: tf.Softmax,
    outputsToSave: [true],
    gradFunc: (dy, [y], attrs) => {
      const dim = attrs.dim as number;
      return { logits: () => tf.mul(y!, tf.sub(dy as tf.Tensor, tf.sum(tf.mul(dy as tf.Tensor, y!), dim, true))) };
    },
  },
];
