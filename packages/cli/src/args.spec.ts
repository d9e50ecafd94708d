import { availableParallelism } from 'node:os';
import { resolveWasmThreads } from './args';
import { trainCommand } from './train-command';

describe('--wasm-threads', () => {
  const cores = Math.min(8, availableParallelism());

  it('auto uses every core for the cpu and paper presets from shards, else one; a number is kept', () => {
    expect(resolveWasmThreads('auto', { preset: 'paper', live: false })).toBe(cores);
    expect(resolveWasmThreads('auto', { preset: 'cpu', live: false })).toBe(cores);
    expect(resolveWasmThreads('auto', { preset: 'paper', live: true })).toBe(1);
    expect(resolveWasmThreads('auto', { preset: 'tiny', live: false })).toBe(1);
    expect(resolveWasmThreads(3, { preset: 'cpu', live: true })).toBe(3);
  });

  it.each(['0', '9', 'two'])('rejects %s with the flag named', async (value) => {
    await expect(trainCommand(['--wasm-threads', value], new AbortController().signal, () => undefined)).rejects.toThrow('--wasm-threads');
  });
});
