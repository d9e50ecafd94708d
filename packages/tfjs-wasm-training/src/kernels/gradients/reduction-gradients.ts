import * as tf from '@tensorflow/tfjs-core';
import { expandToShape } from './reduce-to-shape';

function axesOf(attrs: tf.NamedAttrMap, key: string, x: tf.Tensor): number[] {
  return tf.util.parseAxisParam(attrs[key] as number | number[], x.shape);
}

/** Max and Min: the gradient flows to the entries equal to the result (to every one of a tie). */
function extremumGradient(kernelName: string, axisAttr: string): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, [x, y], attrs) => {
      const axes = axesOf(attrs, axisAttr, x!);
      return {
        x: () => {
          const kept = x!.shape.map((s, i) => (axes.includes(i) ? 1 : s));
          const isExtremum = tf.cast(tf.equal(x!, tf.reshape(y!, kept)), 'float32');
          return tf.mul(isExtremum, expandToShape(dy as tf.Tensor, x!.shape, axes));
        },
      };
    },
  };
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
  // tfjs names the reduced axes differently for the two kernels
  extremumGradient(tf.Max, 'reductionIndices'),
  extremumGradient(tf.Min, 'axis'),
  {
    kernelName: tf.Softmax,
    outputsToSave: [true],
    gradFunc: (dy, [y], attrs) => {
      const dim = attrs.dim as number;
      return { logits: () => tf.mul(y!, tf.sub(dy as tf.Tensor, tf.sum(tf.mul(dy as tf.Tensor, y!), dim, true))) };
    },
  },
];
