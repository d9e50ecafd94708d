import * as tf from '@tensorflow/tfjs-core';
import { CONV2D_GRADIENT } from './conv2d-gradient';
import { registerCoreGradients } from './gradients/register-core-gradients';
import { WASM_MAX_POOL_GRAD } from './max-pool-grad';
import { WASM_CONV2D_BACKPROP_FILTER, WASM_CONV2D_BACKPROP_INPUT } from './wasm-conv-kernels';

export const WASM_TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  WASM_CONV2D_BACKPROP_FILTER,
  WASM_CONV2D_BACKPROP_INPUT,
  WASM_MAX_POOL_GRAD,
];

/** Installs our Conv2D gradient (any backend; handles dilation) in place of tfjs-core's, once. */
export function registerConv2dGradient(): void {
  if (tf.getGradient(tf.Conv2D)?.gradFunc === CONV2D_GRADIENT.gradFunc) return;
  if (tf.getGradient(tf.Conv2D) != null) tf.unregisterGradient(tf.Conv2D);
  tf.registerGradient(CONV2D_GRADIENT);
}

/** Registers the kernels wasm lacks or runs slowly, plus the gradients training needs; safe to call again. */
export function registerWasmTrainingKernels(): void {
  registerCoreGradients();
  registerConv2dGradient();
  for (const config of WASM_TRAINING_KERNELS) {
    const current = tf.getKernel(config.kernelName, config.backendName);
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current != null) tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel(config);
  }
}
