import { Rng } from '@mtssl/core';
import { applyChromaGuard, dropChannels, projectOutGreenMagenta, toGray } from './chroma';

/** A patch of random saturated colours. */
function colourful(n: number, seed: number): Uint8Array {
  const rng = Rng.from(seed);
  return Uint8Array.from({ length: n * 3 }, () => rng.int(40, 215));
}

const greenMagenta = (p: Uint8Array, i: number) => 2 * (p[i + 1] as number) - (p[i] as number) - (p[i + 2] as number);

describe('chroma guards', () => {
  it('project removes the green-magenta component and keeps the rest (within rounding)', () => {
    const p = colourful(256, 1);
    const before = Uint8Array.from(p);
    projectOutGreenMagenta(p);
    for (let i = 0; i < p.length; i += 3) {
      expect(Math.abs(greenMagenta(p, i))).toBeLessThanOrEqual(2);
      // The red-blue difference and the sum (brightness) are orthogonal to the axis: unchanged.
      const rbBefore = (before[i] as number) - (before[i + 2] as number);
      expect(Math.abs((p[i] as number) - (p[i + 2] as number) - rbBefore)).toBeLessThanOrEqual(1);
      const sum = (q: Uint8Array) => (q[i] as number) + (q[i + 1] as number) + (q[i + 2] as number);
      expect(Math.abs(sum(p) - sum(before))).toBeLessThanOrEqual(2);
    }
  });

  it('gray makes the three channels equal', () => {
    const p = colourful(64, 2);
    toGray(p);
    for (let i = 0; i < p.length; i += 3) {
      expect(p[i + 1]).toBe(p[i]);
      expect(p[i + 2]).toBe(p[i]);
    }
  });

  it('drop keeps one channel and flattens the other two to grey noise', () => {
    const p = colourful(400, 3);
    const before = Uint8Array.from(p);
    dropChannels(p, Rng.from(7));
    const kept = [0, 1, 2].filter((c) => {
      for (let i = c; i < p.length; i += 3) if (p[i] !== before[i]) return false;
      return true;
    });
    expect(kept).toHaveLength(1);
    for (let i = 0; i < p.length; i += 3) {
      for (let c = 0; c < 3; c++) if (c !== kept[0]) expect(Math.abs((p[i + c] as number) - 128)).toBeLessThanOrEqual(3);
    }
  });

  it('drop chooses the kept channel at random across patches', () => {
    const keptChannels = new Set<number>();
    for (let s = 0; s < 30; s++) {
      const p = colourful(16, s);
      const before = Uint8Array.from(p);
      dropChannels(p, Rng.from(s));
      keptChannels.add([0, 1, 2].find((c) => p[c] === before[c] && p[c + 3] === before[c + 3]) ?? -1);
    }
    expect([...keptChannels].sort()).toEqual([0, 1, 2]);
  });

  it('none leaves the patch alone', () => {
    const p = colourful(16, 4);
    const before = Uint8Array.from(p);
    applyChromaGuard(p, 'none', Rng.from(1));
    expect(p).toEqual(before);
  });
});
