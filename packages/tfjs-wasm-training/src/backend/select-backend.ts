import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { rejectUnknownKeys, requireBoolean, requireOneOf, requirePositiveInt } from '../validate';
import { loadNativeBackend } from './native-backend';
import { prepareWasm, startedWasmThreads } from './wasm-backend';
import { registerWasmTrainingKernels, WASM_TRAINING_KERNEL_DEFAULTS } from '../kernels/register-wasm-training-kernels';
import { ensureGradients } from '../kernels/gradients/ensure-gradients';

export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface SelectBackendOptions {
  /** Compute threads for the wasm backend (1 to 8; more than 1 uses the threaded build). */
  threads?: number;
  /** Where to print the choice; console.log by default. */
  log?: (line: string) => void;
  /** On wasm, Winograd F(2x2, 3x3) for wide 3x3 stride-1 convolutions (default true); see registerWasmTrainingKernels. */
  winograd?: boolean;
}

export interface BackendChoice {
  name: string;
  reason: string;
}

async function activate(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new Error(`backend '${name}' failed to initialise`);
  await tf.ready();
}

async function useTensorflow(): Promise<BackendChoice> {
  const native = loadNativeBackend();
  if (!native.loaded) {
    throw new Error(`backend 'tensorflow' requested but not available: ${native.detail}. Install @tensorflow/tfjs-node or choose 'wasm'.`);
  }
  await activate('tensorflow');
  return { name: 'tensorflow', reason: `requested; loaded ${native.detail}` };
}

interface Settings {
  readonly threads: number;
  readonly winograd: boolean;
}

async function useWasm({ threads, winograd }: Settings, reason: string): Promise<BackendChoice> {
  const started = prepareWasm(threads);
  try {
    await activate('wasm');
  } finally {
    started();
  }
  registerWasmTrainingKernels({ winograd });
  const running = startedWasmThreads();
  if (running !== threads) throw new Error(`the wasm backend already runs with ${running} thread(s) in this process; ${threads} requested`);
  return { name: 'wasm', reason: threads > 1 ? `${reason}; ${threads} threads` : reason };
}

async function useAuto(settings: Settings): Promise<BackendChoice> {
  const native = loadNativeBackend();
  if (native.loaded) {
    await activate('tensorflow');
    return { name: 'tensorflow', reason: `auto; loaded ${native.detail}` };
  }
  try {
    return await useWasm(settings, `tfjs-node not installed: ${native.detail}`);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    await activate('cpu');
    return { name: 'cpu', reason: `tfjs-node not installed (${native.detail}); wasm failed: ${why}` };
  }
}

function choose(preference: BackendPreference, settings: Settings): Promise<BackendChoice> {
  switch (preference) {
    case 'tensorflow':
      return useTensorflow();
    case 'wasm':
      return useWasm(settings, 'requested');
    case 'cpu':
      return activate('cpu').then(() => ({ name: 'cpu', reason: 'requested' }));
    case 'auto':
      return useAuto(settings);
  }
}

/**
 * Picks the fastest available engine: TensorFlow native, then wasm (with the training kernels it lacks,
 * registered with `winograd`), then pure-JS cpu. Prints and returns the choice with its reason.
 */
export async function selectBackend(preference: BackendPreference = 'auto', options: SelectBackendOptions = {}): Promise<BackendChoice> {
  requireOneOf('backend', preference, BACKEND_PREFERENCES);
  rejectUnknownKeys('selectBackend', options, ['threads', 'log', 'winograd']);
  const threads = requirePositiveInt('threads', options.threads ?? 1);
  const winograd = requireBoolean('winograd', options.winograd ?? WASM_TRAINING_KERNEL_DEFAULTS.winograd);
  const log = options.log ?? ((line: string) => console.log(line));
  const choice = await choose(preference, { threads, winograd });
  // after the choice: loading tfjs-node registers tfjs's own gradients, and its Conv2D one refuses dilation
  ensureGradients();
  log(`backend: ${choice.name} (${choice.reason})`);
  return choice;
}
