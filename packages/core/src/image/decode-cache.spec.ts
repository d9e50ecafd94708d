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

  it('keeps the entries that filled its budget and rotates newcomers through one spill slot', async () => {
    const cache = new DecodeCache(90);
    const { loads, load } = counting(30);
    for (const key of ['a', 'b', 'c', 'd', 'e']) await cache.get(key, load(key));
    await cache.get('e', load('e')); // the spill slot: a file asked for twice in a row hits
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 90, hits: 1 });
    for (const key of ['a', 'b']) await cache.get(key, load(key));
    expect(loads).toEqual(['a', 'b', 'c', 'd', 'e']);
    await cache.get('c', load('c')); // c gave its place to the first newcomer
    expect(loads).toEqual(['a', 'b', 'c', 'd', 'e', 'c']);
  });

  it('makes room for a newcomer larger than the spill slot from the newest entries', async () => {
    const cache = new DecodeCache(100);
    const small = counting(30);
    for (const key of ['a', 'b', 'c']) await cache.get(key, small.load(key));
    const big = counting(60);
    await cache.get('big', big.load('big'));
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 90 });
    await cache.get('a', small.load('a'));
    await cache.get('big', big.load('big'));
    expect(small.loads).toEqual(['a', 'b', 'c']);
    expect(big.loads).toEqual(['big']);
  });

  it('hits about budget / corpus of the visits of a permuted multi-epoch scan (LRU would hit few)', async () => {
    const files = 300;
    const cache = new DecodeCache(100 * 30);
    const { load } = counting(30);
    let rng = 12345;
    const next = () => (rng = (rng * 1664525 + 1013904223) >>> 0);
    for (let epoch = 0; epoch < 4; epoch++) {
      const order = Array.from({ length: files }, (_, i) => i);
      for (let i = files - 1; i > 0; i--) {
        const j = next() % (i + 1);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      for (const f of order) await cache.get(`f${f}`, load(`f${f}`));
    }
    const { hits } = cache.stats();
    // 3 epochs after the first, a third of the corpus kept: ~300 hits (LRU: ~50)
    expect(hits).toBeGreaterThan(250);
    expect(hits).toBeLessThan(350);
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
