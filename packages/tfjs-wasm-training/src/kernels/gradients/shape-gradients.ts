import * as tf from '@tensorflow/tfjs-core';

function byIndex(parts: tf.Tensor[]): Record<string, () => tf.Tensor> {
  return Object.fromEntries(parts.map((p, i) => [String(i), () => p]));
}

export const SHAPE_GRADIENTS: tf.GradConfig[] = [
  { kernelName: tf.Reshape, inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.reshape(dy as tf.Tensor, x!.shape) }) },
  {
    kernelName: tf.Transpose,
    gradFunc: (dy, _saved, attrs) => {
      const perm = attrs.perm as number[];
      const inverse = perm.map((_, i) => perm.indexOf(i));
      return { x: () => tf.transpose(dy as tf.Tensor, inverse) };
    },
  },
  {
    kernelName: tf.Slice,
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => {
      const [begin, size] = tf.slice_util.parseSliceParams(x!, attrs.begin as number[], attrs.size as number[]);
      const paddings = x!.shape.map((s, i): [number, number] => [begin[i]!, s - begin[i]! - size[i]!]);
      return { x: () => tf.pad(dy as tf.Tensor, paddings) };
    },
  },
  {
    kernelName: tf.PadV2,
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => {
      const begin = (attrs.paddings as Array<[number, number]>).map((p) => p[0]);
      return { x: () => tf.slice(dy as tf.Tensor, begin, x!.shape) };
    },
  },
  {
    kernelName: tf.Concat,
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const axis = tf.util.parseAxisParam(attrs.axis as number, saved[0]!.shape)[0]!;
      return byIndex(tf.split(dy as tf.Tensor, saved.map((t) => t.shape[axis]!), axis));
    },
  },
  {
    kernelName: tf.Pack,
    saveAllInputs: true,
    gradFunc: (dy, _saved, attrs) => byIndex(tf.unstack(dy as tf.Tensor, attrs.axis as number)),
  },
];
