// Gradients beyond the core set that conv-net training commonly differentiates through: max pooling,
// unstack, and log1p (in the sigmoid cross-entropy). tfjs-core's CommonJS build ships none of them.
import * as tf from '@tensorflow/tfjs-core';

const MAX_POOL_GRADIENT: tf.GradConfig = {
  kernelName: tf.MaxPool,
  inputsToSave: ['x'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, y] = saved as [tf.Tensor, tf.Tensor];
    const { filterSize, strides, pad } = attrs as unknown as { filterSize: number; strides: number; pad: string };
    return { x: () => tf.engine().runKernel(tf.MaxPoolGrad, { dy: dy as tf.Tensor, input: x, output: y }, { filterSize, strides, pad }) as tf.Tensor };
  },
};

const UNPACK_GRADIENT: tf.GradConfig = {
  kernelName: tf.Unpack,
  gradFunc: (dy, _saved, attrs) => ({ value: () => tf.stack(dy as tf.Tensor[], (attrs as unknown as { axis: number }).axis) }),
};

const LOG1P_GRADIENT: tf.GradConfig = {
  kernelName: tf.Log1p,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => ({ x: () => tf.div(dy as tf.Tensor, tf.add(saved[0] as tf.Tensor, 1)) }),
};

export const EXTRA_GRADIENTS: readonly tf.GradConfig[] = [MAX_POOL_GRADIENT, UNPACK_GRADIENT, LOG1P_GRADIENT];
