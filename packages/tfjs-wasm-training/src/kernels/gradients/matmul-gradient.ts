import * as tf from '@tensorflow/tfjs-core';
import { reduceToShape } from './reduce-to-shape';

/** d(A.B): dA = dy.B^T and dB = A^T.dy, with the transposes folded into the matmul flags. */
export const MATMUL_GRADIENT: tf.GradConfig = {
  kernelName: tf.BatchMatMul,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, [a, b], attrs) => {
    const g = dy as tf.Tensor;
    const ta = attrs.transposeA as boolean;
    const tb = attrs.transposeB as boolean;
    const da = (): tf.Tensor => (ta ? tf.matMul(b!, g, tb, true) : tf.matMul(g, b!, false, !tb));
    const db = (): tf.Tensor => (tb ? tf.matMul(g, a!, true, ta) : tf.matMul(a!, g, !ta, false));
    return { a: () => reduceToShape(da(), a!.shape), b: () => reduceToShape(db(), b!.shape) };
  },
};
