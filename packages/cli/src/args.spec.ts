import { availableParallelism } from 'node:os';
import { resolveWasmThreads } from './args';
import { trainCommand } from './train-command';

describe('--wasm-threads', () => {
  const cores = Math.min(8, availableParallelism());

  it('auto uses every core for shards and leaves one to live streams', () => {
    expect(resolveWasmThreads('auto', false)).toBe(cores);
    expect(resolveWasmThreads('auto', true)).toBe(Math.max(1, cores - 1));
    expect(resolveWasmThreads(3, true)).toBe(3);
  });

  it.each(['0', '9', 'two'])('rejects %s with the flag named', async (value) => {
    await expect(trainCommand(['--wasm-threads', value], new AbortController().signal, () => undefined)).rejects.toThrow('--wasm-threads');
  });
});
