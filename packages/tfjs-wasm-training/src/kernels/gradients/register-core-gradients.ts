import * as tf from '@tensorflow/tfjs-core';
import { BINARY_GRADIENTS } from './binary-gradients';
import { MATMUL_GRADIENT } from './matmul-gradient';
import { REDUCTION_GRADIENTS } from './reduction-gradients';
import { SHAPE_GRADIENTS } from './shape-gradients';
import { UNARY_GRADIENTS } from './unary-gradients';

export const CORE_GRADIENTS: readonly tf.GradConfig[] = [...BINARY_GRADIENTS, ...UNARY_GRADIENTS, ...REDUCTION_GRADIENTS, ...SHAPE_GRADIENTS, MATMUL_GRADIENT];

/**
 * tfjs-core's CommonJS build (what Node and Jest load) ships no gradients: they live only in its ES module
 * files, which Node cannot load. Registers ours for the kernels a conv net and its losses use, leaving any
 * gradient already registered (e.g. by @tensorflow/tfjs) in place. Returns how many were added.
 */
export function registerCoreGradients(): number {
  let added = 0;
  for (const config of CORE_GRADIENTS) {
    if (tf.getGradient(config.kernelName) == null) {
      tf.registerGradient(config);
      added++;
    }
  }
  return added;
}
