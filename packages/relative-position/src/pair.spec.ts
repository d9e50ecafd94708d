import { ImageView, Rng, viewOf } from '@mtssl/core';
import { NEIGHBOUR_OFFSETS } from './geometry';
import { cellSize, resolveRelativePositionOptions } from './options';
import { makePair } from './pair';

/** R = x, G = y, B = 77: every pixel says where it came from. */
function positionImage(width: number, height: number): ImageView {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set([x, y, 77], (y * width + x) * 3);
    }
  }
  return viewOf({ data, width, height });
}

const o = resolveRelativePositionOptions({ shortSide: 72, patchSize: 16, gap: 8, jitter: 3, chromaGuard: 'none' });
const P = o.patchSize;
const pixel = (patches: Uint8Array, which: number, row: number, col: number) =>
  Array.from(patches.subarray((which * P * P + row * P + col) * 3, (which * P * P + row * P + col) * 3 + 3));

describe('makePair', () => {
  const image = positionImage(100, 72);

  it("cuts patches whose pixels sit at the label's offset from the centre", () => {
    for (let k = 0; k < 200; k++) {
      const { patches, label, layout } = makePair(image, o, Rng.from(5, k));
      expect(patches).toHaveLength(2 * P * P * 3);
      const [cx, cy] = pixel(patches, 0, 0, 0) as [number, number];
      const [nx, ny] = pixel(patches, 1, 0, 0) as [number, number];
      expect([cx, cy]).toEqual([layout.centre.x, layout.centre.y]);
      expect([nx, ny]).toEqual([layout.neighbour.x, layout.neighbour.y]);
      // The bottom-right pixel of each patch completes the square.
      expect(pixel(patches, 1, P - 1, P - 1)).toEqual([nx + P - 1, ny + P - 1, 77]);
      const [dRow, dCol] = NEIGHBOUR_OFFSETS[label] as [number, number];
      expect(Math.abs(nx - cx - dCol * cellSize(o))).toBeLessThanOrEqual(2 * o.jitter);
      expect(Math.abs(ny - cy - dRow * cellSize(o))).toBeLessThanOrEqual(2 * o.jitter);
    }
  });

  it('is a pure function of the random source', () => {
    const a = makePair(image, { ...o, chromaGuard: 'drop' }, Rng.from(9, 3));
    const b = makePair(image, { ...o, chromaGuard: 'drop' }, Rng.from(9, 3));
    expect(a.patches).toEqual(b.patches);
    expect(a.label).toBe(b.label);
  });

  it('gray guard output has three equal channels', () => {
    const { patches } = makePair(image, { ...o, chromaGuard: 'gray' }, Rng.from(1));
    for (let i = 0; i < patches.length; i += 3) expect(new Set(patches.subarray(i, i + 3)).size).toBe(1);
  });

  it('harmonized output is Lab L replicated: grey, and brighter where the image is brighter', () => {
    const pixels = image.image();
    const bright = viewOf({ ...pixels, data: pixels.data.map((v) => Math.min(255, v + 100)) });
    const dark = makePair(image, { ...o, harmonize: true }, Rng.from(2)).patches;
    const light = makePair(bright, { ...o, harmonize: true }, Rng.from(2)).patches;
    for (let i = 0; i < dark.length; i += 3) {
      expect(dark[i + 1]).toBe(dark[i]);
      expect(dark[i + 2]).toBe(dark[i]);
      expect(light[i] as number).toBeGreaterThan(dark[i] as number);
    }
  });
});
