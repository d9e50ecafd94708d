import * as tf from '@tensorflow/tfjs-core';
import { CONV2D_GRADIENT } from './conv2d-gradient';
import { registerCoreGradients } from './gradients/register-core-gradients';
import { WASM_MAX_POOL_GRAD } from './max-pool-grad';
import { WASM_CONV2D_BACKPROP_FILTER, WASM_CONV2D_BACKPROP_INPUT } from './wasm-conv-kernels';
import { WASM_IDENTITY, wasmSliceKernel, wasmTransposeKernel } from './wasm-heap-kernels';
import { wasmWinogradConv2dKernel } from './winograd-conv2d';
import { WASM_WINOGRAD_FILTER_GRAD } from './winograd-filter-grad';

export const WASM_TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  WASM_CONV2D_BACKPROP_FILTER,
  WASM_CONV2D_BACKPROP_INPUT,
  WASM_MAX_POOL_GRAD,
  WASM_IDENTITY,
  WASM_WINOGRAD_FILTER_GRAD,
];

/** Installs our Conv2D gradient (any backend; handles dilation) in place of tfjs-core's, once. */
export function registerConv2dGradient(): void {
  if (tf.getGradient(tf.Conv2D)?.gradFunc === CONV2D_GRADIENT.gradFunc) return;
  if (tf.getGradient(tf.Conv2D) != null) tf.unregisterGradient(tf.Conv2D);
  tf.registerGradient(CONV2D_GRADIENT);
}

/** Kernels wrapped around wasm's own (kept for strings), built when first registered. */
const WRAPPED: ReadonlyArray<readonly [string, (original: tf.KernelFunc) => tf.KernelConfig]> = [
  [tf.Slice, wasmSliceKernel],
  [tf.Transpose, wasmTransposeKernel],
  [tf.Conv2D, wasmWinogradConv2dKernel],
];
const wrapped = new Map<string, tf.KernelConfig>();

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
  for (const [name, wrap] of WRAPPED) registerWrapped(name, wrap);
}

function registerWrapped(name: string, wrap: (original: tf.KernelFunc) => tf.KernelConfig): void {
  const current = tf.getKernel(name, 'wasm');
  if (current == null || current.kernelFunc === wrapped.get(name)?.kernelFunc) return;
  const config = wrap(current.kernelFunc);
  wrapped.set(name, config);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel(config);
}
