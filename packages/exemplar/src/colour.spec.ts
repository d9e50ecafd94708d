import { Rng } from '@mtssl/core';
import { applyColourShift, NO_COLOUR_SHIFT } from './colour';

function patch(seed: number): Uint8Array {
  const rng = Rng.from(seed);
  return Uint8Array.from({ length: 64 * 3 }, () => rng.int(60, 200));
}

const mean = (p: Uint8Array) => p.reduce((a, b) => a + b, 0) / p.length;
const spread = (p: Uint8Array) => {
  let s = 0;
  for (let i = 0; i < p.length; i += 3) s += Math.max(p[i] as number, p[i + 1] as number, p[i + 2] as number) - Math.min(p[i] as number, p[i + 1] as number, p[i + 2] as number);
  return s / (p.length / 3);
};

describe('applyColourShift', () => {
  it('is the identity (within rounding) with no shift', () => {
    const p = patch(1);
    const before = Uint8Array.from(p);
    applyColourShift(p, NO_COLOUR_SHIFT);
    p.forEach((v, i) => expect(Math.abs(v - (before[i] as number))).toBeLessThanOrEqual(1));
  });

  it('brightness raises the mean, contrast widens the spread about it', () => {
    const p = patch(2);
    const bright = Uint8Array.from(p);
    applyColourShift(bright, { ...NO_COLOUR_SHIFT, brightness: 0.1 });
    expect(Math.abs(mean(bright) - mean(p) - 25.5)).toBeLessThanOrEqual(1);
    const contrasty = Uint8Array.from(p);
    applyColourShift(contrasty, { ...NO_COLOUR_SHIFT, contrast: 1.5 });
    const sd = (q: Uint8Array) => Math.sqrt(q.reduce((a, v) => a + (v - mean(q)) ** 2, 0) / q.length);
    expect(sd(contrasty) / sd(p)).toBeCloseTo(1.5, 1);
  });

  it('saturation scales the colourfulness, hue rotates the channels', () => {
    const p = patch(3);
    const dull = Uint8Array.from(p);
    applyColourShift(dull, { ...NO_COLOUR_SHIFT, saturation: 0.5 });
    expect(spread(dull) / spread(p)).toBeCloseTo(0.5, 1);
    const red = Uint8Array.of(200, 40, 40);
    applyColourShift(red, { ...NO_COLOUR_SHIFT, hue: 1 / 3 });
    expect(Array.from(red)).toEqual([40, 200, 40]); // a third of the circle: red -> green
  });
});
