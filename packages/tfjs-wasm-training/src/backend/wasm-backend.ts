import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { type BackendWasm, getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { installWasmThreadShims, MAX_WASM_THREADS, unrefWasmWorkers } from './wasm-threads';

/** Folder holding the backend's .wasm binaries inside node_modules. */
export function wasmBinaryDir(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
}

/**
 * Points the wasm backend at its binaries by file path (Node reads them with fs) and picks the build: the
 * single-threaded SIMD one for 1 thread, else the threaded SIMD one with the Node shims of wasm-threads.ts
 * installed. Returns the function to call once the backend has started.
 */
export function prepareWasm(threads: number): () => void {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
    throw new Error(`threads must be an integer from 1 to ${MAX_WASM_THREADS} for the wasm backend, got ${threads}`);
  }
  setWasmPaths(wasmBinaryDir() + path.sep);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads > 1);
  if (threads === 1) return () => undefined;
  setThreadsCount(threads);
  return installWasmThreadShims(threads);
}

/** Threads the started wasm backend computes with; lets its idle pool threads not hold the process open. */
export function startedWasmThreads(): number {
  unrefWasmWorkers((tf.backend() as BackendWasm).wasm as unknown as Parameters<typeof unrefWasmWorkers>[0]);
  return getThreadsCount();
}
