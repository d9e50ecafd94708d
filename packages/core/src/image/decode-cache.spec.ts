import { DecodeCache } from './decode-cache';
import { viewOf, type ImageView } from './image-view';

const view = (bytes: number, fill = 1): ImageView => viewOf({ data: new Uint8Array(bytes).fill(fill), width: bytes / 3, height: 1 });

function counting(bytes: number) {
  const loads: string[] = [];
  const load = (key: string) => () => {
    loads.push(key);
    return Promise.resolve(view(bytes));
  };
  return { loads, load };
}

describe('DecodeCache', () => {
  it('serves a second request for a key without loading it again', async () => {
    const cache = new DecodeCache(1000);
    const { loads, load } = counting(30);
    const first = await cache.get('a', load('a'));
    const second = await cache.get('a', load('a'));
    expect(second).toBe(first);
    expect(loads).toEqual(['a']);
    expect(cache.stats()).toEqual({ hits: 1, misses: 1, entries: 1, bytes: 30 });
  });

  it('evicts the least recently used entries beyond its budget', async () => {
    const cache = new DecodeCache(90);
    const { loads, load } = counting(30);
    for (const key of ['a', 'b', 'c']) await cache.get(key, load(key));
    await cache.get('a', load('a')); // a is now the most recent: b goes first
    await cache.get('d', load('d'));
    expect(cache.stats().bytes).toBe(90);
    await cache.get('a', load('a'));
    await cache.get('b', load('b'));
    expect(loads).toEqual(['a', 'b', 'c', 'd', 'b']);
  });

  it('keeps nothing with a budget of 0, and never an image larger than the budget', async () => {
    const off = new DecodeCache(0);
    const small = counting(30);
    await off.get('a', small.load('a'));
    await off.get('a', small.load('a'));
    expect(small.loads).toEqual(['a', 'a']);
    const tight = new DecodeCache(20);
    await tight.get('a', small.load('a'));
    expect(tight.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('drops what no longer fits when the budget shrinks', async () => {
    const cache = new DecodeCache(300);
    const { load } = counting(30);
    for (const key of ['a', 'b', 'c', 'd']) await cache.get(key, load(key));
    cache.resize(60);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 60 });
    cache.resize(0);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('loads again when the cached pixels were transferred away', async () => {
    const cache = new DecodeCache(1000);
    const { loads, load } = counting(30);
    const first = await cache.get('a', load('a'));
    const pixels = first.image().data.buffer as ArrayBuffer;
    structuredClone(pixels, { transfer: [pixels] });
    expect(first.byteLength).toBe(0);
    const again = await cache.get('a', load('a'));
    expect(again.byteLength).toBe(30);
    expect(loads).toEqual(['a', 'a']);
    expect(cache.stats().bytes).toBe(30);
  });

  it('does not keep a failed load', async () => {
    const cache = new DecodeCache(1000);
    await expect(cache.get('bad', () => Promise.reject(new Error('corrupt')))).rejects.toThrow('corrupt');
    expect(cache.stats()).toMatchObject({ entries: 0, misses: 1 });
  });
});
