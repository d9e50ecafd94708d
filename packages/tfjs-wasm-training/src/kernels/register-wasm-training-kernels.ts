import * as tf from '@tensorflow/tfjs-core';
import { rejectUnknownKeys, requireBoolean } from '../validate';
import { registerConv2dGradient } from './conv2d-gradient';
import { registerCoreGradients } from './gradients/register-core-gradients';
import { WASM_MAX_POOL_GRAD } from './max-pool-grad';
import { WASM_CONV2D_BACKPROP_FILTER, WASM_CONV2D_BACKPROP_INPUT } from './wasm-conv-kernels';
import { WASM_IDENTITY, wasmSliceKernel, wasmTransposeKernel } from './wasm-heap-kernels';
import { wasmWinogradConv2dKernel } from './winograd-conv2d';
import { WASM_WINOGRAD_FILTER_GRAD } from './winograd-filter-grad';

export interface WasmTrainingKernelOptions {
  /**
   * Winograd F(2x2, 3x3) for wide 3x3 stride-1 convolutions and their filter gradients on wasm; off, XNNPACK's
   * direct convolution runs everywhere (results differ by ~2e-6 relative).
   */
  winograd?: boolean;
}

export const WASM_TRAINING_KERNEL_DEFAULTS: Readonly<Required<WasmTrainingKernelOptions>> = Object.freeze({ winograd: true });

/** The kernels registered whatever the options: what wasm lacks or gets wrong for training. */
export const WASM_TRAINING_KERNELS: readonly tf.KernelConfig[] = [WASM_CONV2D_BACKPROP_FILTER, WASM_CONV2D_BACKPROP_INPUT, WASM_MAX_POOL_GRAD, WASM_IDENTITY];

/** wasm's own kernel behind each of our wrappers (kept for what the wrapper leaves to it), and the wrapper. */
const wrapped = new Map<string, { readonly original: tf.KernelConfig; readonly config: tf.KernelConfig }>();
let registered: Readonly<Required<WasmTrainingKernelOptions>> | undefined;

/**
 * Registers the kernels wasm lacks or runs slowly, plus the gradients training needs; safe to call again.
 * The kernels an option selects are re-registered when it changes, so the latest registration's options
 * are the ones in force (kernel registration is process-wide in tfjs).
 */
export function registerWasmTrainingKernels(options: WasmTrainingKernelOptions = {}): void {
  rejectUnknownKeys('registerWasmTrainingKernels', options, ['winograd']);
  const o = { ...WASM_TRAINING_KERNEL_DEFAULTS, ...options };
  requireBoolean('winograd', o.winograd);
  registerCoreGradients();
  registerConv2dGradient();
  for (const config of WASM_TRAINING_KERNELS) replaceKernel(config);
  registerWrapped(tf.Slice, wasmSliceKernel);
  registerWrapped(tf.Transpose, wasmTransposeKernel);
  if (o.winograd) {
    replaceKernel(WASM_WINOGRAD_FILTER_GRAD);
    registerWrapped(tf.Conv2D, wasmWinogradConv2dKernel);
  } else {
    // conv2dFilterGrad takes the Winograd path only where its kernel is registered
    if (tf.getKernel(WASM_WINOGRAD_FILTER_GRAD.kernelName, 'wasm') != null) tf.unregisterKernel(WASM_WINOGRAD_FILTER_GRAD.kernelName, 'wasm');
    unwrap(tf.Conv2D);
  }
  registered = Object.freeze(o);
}

/** The options of the latest registerWasmTrainingKernels call, or undefined before the first. */
export function wasmTrainingKernelOptions(): Readonly<Required<WasmTrainingKernelOptions>> | undefined {
  return registered;
}

function replaceKernel(config: tf.KernelConfig): void {
  const current = tf.getKernel(config.kernelName, config.backendName);
  if (current?.kernelFunc === config.kernelFunc) return;
  if (current != null) tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
}

function registerWrapped(name: string, wrap: (original: tf.KernelFunc) => tf.KernelConfig): void {
  const current = tf.getKernel(name, 'wasm');
  if (current == null || current.kernelFunc === wrapped.get(name)?.config.kernelFunc) return;
  const config = wrap(current.kernelFunc);
  wrapped.set(name, { original: current, config });
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel(config);
}

/** Puts wasm's own kernel back where our wrapper is registered. */
function unwrap(name: string): void {
  const entry = wrapped.get(name);
  if (entry == null || tf.getKernel(name, 'wasm')?.kernelFunc !== entry.config.kernelFunc) return;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel(entry.original);
}
