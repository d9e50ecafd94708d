import { availableParallelism } from 'node:os';
import { resolveWasmThreads } from './wasm-threads';

describe('wasm threads', () => {
  const cores = Math.min(8, availableParallelism());

  it('auto uses every core for the cpu and paper presets, from shards or live, else one; a number is kept', () => {
    expect(resolveWasmThreads('auto', 'paper')).toBe(cores);
    expect(resolveWasmThreads('auto', 'cpu')).toBe(cores);
    expect(resolveWasmThreads('auto', 'tiny')).toBe(1);
    expect(resolveWasmThreads(3, 'cpu')).toBe(3);
  });
});
