import { Rng, sampleRng, hashString } from './rng';

describe('Rng', () => {
  it('is deterministic for a seed and keys', () => {
    const a = Rng.from(7, 'colorization', 42);
    const b = Rng.from(7, 'colorization', 42);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
  });

  it('gives different sequences for different seeds, streams and indices', () => {
    const first = (r: Rng) => r.nextUint32();
    const base = first(sampleRng(1, 'exemplar', 0));
    expect(first(sampleRng(2, 'exemplar', 0))).not.toBe(base);
    expect(first(sampleRng(1, 'motion', 0))).not.toBe(base);
    expect(first(sampleRng(1, 'exemplar', 1))).not.toBe(base);
  });

  it('sample k does not depend on which other samples were drawn or in what order', () => {
    const forward = [0, 1, 2, 3].map((k) => sampleRng(3, 's', k).next());
    const backward = [3, 2, 1, 0].map((k) => sampleRng(3, 's', k).next()).reverse();
    expect(backward).toEqual(forward);
  });

  it('is roughly uniform and the normal has the right moments', () => {
    const r = Rng.from(11);
    const n = 20000;
    let sum = 0;
    let sumN = 0;
    let sumN2 = 0;
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      buckets[Math.floor(u * 10)] = (buckets[Math.floor(u * 10)] as number) + 1;
      const z = r.normal();
      sumN += z;
      sumN2 += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    for (const b of buckets) expect(Math.abs(b - n / 10)).toBeLessThan(n / 10 * 0.1);
    expect(sumN / n).toBeCloseTo(0, 1);
    expect(sumN2 / n).toBeCloseTo(1, 1);
  });

  it('int() covers its inclusive range and rejects an empty one', () => {
    const r = Rng.from(5);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(r.int(2, 5));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
    expect(() => r.int(3, 2)).toThrow('max 2 < min 3');
  });

  it('shuffle is a permutation, and state round-trips', () => {
    const r = Rng.from(9);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = r.shuffle([...items]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    const saved = r.state();
    const x = r.nextUint32();
    expect(Rng.fromState(saved).nextUint32()).toBe(x);
  });

  it('split() makes an independent child without advancing the parent', () => {
    const r = Rng.from(1);
    const s = r.state();
    const child = r.split('a');
    expect(r.state()).toEqual(s);
    expect(child.nextUint32()).not.toBe(Rng.fromState(s).nextUint32());
  });

  it('hashString spreads similar keys', () => {
    expect(hashString('a')).not.toBe(hashString('b'));
    expect(hashString('relative-position')).toBe(hashString('relative-position'));
  });
});
