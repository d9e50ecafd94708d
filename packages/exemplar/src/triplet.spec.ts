import { harmonizeRgb, RgbImage, Rng } from '@mtssl/core';
import { resolveExemplarOptions } from './options';
import { seedCentre } from './seeds';
import { makeTriplet } from './triplet';

/** A textured image in one base colour, so each image's seeds look alike and differ from other images'. */
function texturedImage(base: readonly number[], seed: number, size = 48): RgbImage {
  const rng = Rng.from(seed);
  const data = new Uint8Array(size * size * 3);
  for (let i = 0; i < size * size; i++) {
    const t = rng.int(-30, 30);
    for (let c = 0; c < 3; c++) data[i * 3 + c] = Math.max(0, Math.min(255, (base[c] as number) + t));
  }
  return { data, width: size, height: size };
}

const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - (b[i] as number)), 0) / a.length;

describe('makeTriplet', () => {
  const o = resolveExemplarOptions({ resizeTo: 48, patchSize: 16, seedsPerImage: 2 });
  const n = 16 * 16 * 3;
  const images = [texturedImage([200, 60, 60], 1), texturedImage([60, 200, 60], 2), texturedImage([60, 60, 200], 3)];

  it('labels the anchor and positive with one seed id and the negative with another', () => {
    const t = makeTriplet({ image: images[0] as RgbImage, imageIndex: 0, seedNo: 1 }, { image: images[2] as RgbImage, imageIndex: 2, seedNo: 0 }, 5, o, Rng.from(1));
    expect(Array.from(t.seedIds)).toEqual([1, 4]);
    expect(t.views).toHaveLength(3 * n);
  });

  it('makes views of one seed closer to each other than to a view of another seed', () => {
    let closer = 0;
    let pos = 0;
    let neg = 0;
    for (let k = 0; k < 30; k++) {
      const a = k % 3;
      const b = (a + 1 + (k % 2)) % 3;
      const t = makeTriplet({ image: images[a] as RgbImage, imageIndex: a, seedNo: 0 }, { image: images[b] as RgbImage, imageIndex: b, seedNo: 1 }, 7, o, Rng.from(2, k));
      const anchor = t.views.subarray(0, n);
      const positive = t.views.subarray(n, 2 * n);
      const negative = t.views.subarray(2 * n);
      const dPos = meanAbsDiff(anchor, positive);
      const dNeg = meanAbsDiff(anchor, negative);
      pos += dPos;
      neg += dNeg;
      if (dPos < dNeg) closer++;
    }
    // Strong colour jitter can make a single positive pair far apart; on average it must not.
    expect(pos / 30).toBeLessThan(0.6 * (neg / 30));
    expect(closer).toBeGreaterThanOrEqual(25);
  });

  it('with augmentStrength 0 renders identical views of the seed patch', () => {
    const still = { ...o, augmentStrength: 0 };
    const image = images[1] as RgbImage;
    const t = makeTriplet({ image, imageIndex: 1, seedNo: 0 }, { image: images[0] as RgbImage, imageIndex: 0, seedNo: 0 }, 3, still, Rng.from(3));
    expect(t.views.subarray(0, n)).toEqual(t.views.subarray(n, 2 * n));
    // ...and the view is the image around the seed centre.
    const c = seedCentre(3, 1, 0, image.width, image.height, 16);
    const x0 = c.x - 8;
    const y0 = c.y - 8;
    const ix = Math.round(x0);
    const iy = Math.round(y0);
    if (Math.abs(x0 - ix) < 1e-9 && Math.abs(y0 - iy) < 1e-9) {
      expect(Array.from(t.views.subarray(0, 3))).toEqual(Array.from(image.data.subarray((iy * 48 + ix) * 3, (iy * 48 + ix) * 3 + 3)));
    }
  });

  it('places seeds inside the image, the same for every sample', () => {
    for (let s = 0; s < 50; s++) {
      const c = seedCentre(9, s, 0, 60, 48, 16);
      expect(c).toEqual(seedCentre(9, s, 0, 60, 48, 16));
      expect(c.x - 8).toBeGreaterThanOrEqual(0);
      expect(c.y + 8).toBeLessThanOrEqual(48);
    }
  });

  it('harmonized views are grey: Lab L replicated to three channels', () => {
    const t = makeTriplet({ image: images[0] as RgbImage, imageIndex: 0, seedNo: 0 }, { image: images[1] as RgbImage, imageIndex: 1, seedNo: 0 }, 1, { ...o, harmonize: true }, Rng.from(4));
    for (let i = 0; i < t.views.length; i += 3) {
      expect(t.views[i + 1]).toBe(t.views[i]);
      expect(t.views[i + 2]).toBe(t.views[i]);
    }
    // Same geometry and colour draws without harmonization give the RGB whose L this is.
    const rgb = makeTriplet({ image: images[0] as RgbImage, imageIndex: 0, seedNo: 0 }, { image: images[1] as RgbImage, imageIndex: 1, seedNo: 0 }, 1, o, Rng.from(4));
    expect(t.views).toEqual(harmonizeRgb(rgb.views, 3));
  });
});
