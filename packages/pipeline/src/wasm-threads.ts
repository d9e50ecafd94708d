// How many compute threads the wasm backend gets when a caller leaves it to the pipeline (`auto`).
import { availableParallelism } from 'node:os';
import type { PresetName } from '@mtssl/core';
import { MAX_WASM_THREADS } from '@mtssl/tfjs-wasm-training';

/** `auto` or a thread count from 1 to the wasm pool's maximum. */
export type WasmThreads = 'auto' | number;

/**
 * `auto`: every core (up to the wasm pool's 8) for the cpu and paper presets, from shards or live (live
 * streams' workers run at low priority in the time the step leaves a core idle); one thread for the tiny
 * preset, whose step is too small to gain from a second.
 */
export function resolveWasmThreads(threads: WasmThreads, preset: PresetName | string): number {
  if (threads !== 'auto') return threads;
  if (preset === 'tiny') return 1;
  return Math.min(MAX_WASM_THREADS, availableParallelism());
}
