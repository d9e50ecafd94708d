import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Folder holding the backend's .wasm binaries inside node_modules. */
export function wasmBinaryDir(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
}

/**
 * Points the wasm backend at its binaries by file path (Node reads them with fs) and, for one thread,
 * selects the single-threaded SIMD binary: the threaded one spawns workers from blob: URLs, which Node
 * cannot load.
 */
export function prepareWasm(threads: number): void {
  if (threads !== 1) {
    throw new Error(`threads must be 1 for the wasm backend in Node, got ${threads} (multi-threaded wasm is not supported here)`);
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(wasmBinaryDir() + path.sep);
}
