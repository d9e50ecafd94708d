import { Prefetcher } from './prefetch';

/** A source that records how far it was pulled; item 'boom' throws. */
function source(items: Array<number | 'boom'>) {
  const pulled: number[] = [];
  let returned = false;
  const it: AsyncIterator<number> = {
    async next() {
      await new Promise((r) => setImmediate(r));
      const i = pulled.length;
      if (i >= items.length) return { done: true, value: undefined };
      pulled.push(i);
      if (items[i] === 'boom') throw new Error(`item ${i} failed`);
      return { done: false, value: items[i] as number };
    },
    async return() {
      returned = true;
      return { done: true, value: undefined };
    },
  };
  return { it, pulled, wasReturned: () => returned };
}

const settle = async (turns = 20) => {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
};

describe('Prefetcher', () => {
  it('pulls ahead up to its capacity while nobody asks, and yields everything in order', async () => {
    const s = source([1, 2, 3, 4, 5, 6, 7]);
    const p = new Prefetcher(s.it, 3);
    await settle();
    expect(s.pulled).toHaveLength(3);
    const got: number[] = [];
    for (let r = await p.next(); !r.done; r = await p.next()) got.push(r.value);
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await p.next()).toEqual({ done: true, value: undefined });
  });

  it('delivers a source error in its place, after the items before it', async () => {
    const p = new Prefetcher(source([1, 2, 'boom', 4]).it, 8);
    expect((await p.next()).value).toBe(1);
    expect((await p.next()).value).toBe(2);
    await expect(p.next()).rejects.toThrow('item 2 failed');
    await expect(p.next()).rejects.toThrow('item 2 failed');
  });

  it('stops pulling and closes the source on return', async () => {
    const s = source(Array.from({ length: 100 }, (_, i) => i));
    const p = new Prefetcher(s.it, 4);
    expect((await p.next()).value).toBe(0);
    await p.return();
    const pulled = s.pulled.length;
    await settle();
    // the one pull in flight at return() may still land; none starts after it
    expect(s.pulled.length).toBeLessThanOrEqual(pulled + 1);
    expect(pulled).toBeLessThanOrEqual(6);
    expect(s.wasReturned()).toBe(true);
  });
});
