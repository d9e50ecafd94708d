// Synthetic labelled photos: four classes of structure, each in random colours, so every image
// task has colour and geometry to learn and the linear probe has classes to separate.
import { Rng } from '@mtssl/core';
import { hsv, Raster, RGB } from './raster';

export const IMAGE_CLASSES = ['discs', 'stripes', 'checks', 'blocks'] as const;
export type ImageClass = (typeof IMAGE_CLASSES)[number];

function palette(rng: Rng): { bgA: RGB; bgB: RGB; fg: RGB; accent: RGB } {
  const h = rng.next();
  return {
    bgA: hsv(h, rng.uniform(0.2, 0.6), rng.uniform(0.5, 0.95)),
    bgB: hsv((h + rng.uniform(0.05, 0.25)) % 1, rng.uniform(0.2, 0.7), rng.uniform(0.3, 0.8)),
    fg: hsv((h + rng.uniform(0.3, 0.7)) % 1, rng.uniform(0.5, 1), rng.uniform(0.5, 1)),
    accent: hsv(rng.next(), rng.uniform(0.4, 1), rng.uniform(0.4, 1)),
  };
}

function drawClass(r: Raster, cls: ImageClass, rng: Rng, p: ReturnType<typeof palette>): void {
  const s = r.width;
  switch (cls) {
    case 'discs':
      for (let i = rng.int(3, 7); i > 0; i--) {
        r.disc(rng.uniform(0, s), rng.uniform(0, s), rng.uniform(s * 0.06, s * 0.2), i % 2 ? p.fg : p.accent, 0.95);
      }
      break;
    case 'stripes': {
      const period = rng.uniform(s * 0.08, s * 0.2);
      r.pattern(rng.uniform(0, Math.PI), (u) => ((u % period) + period) % period < period / 2, p.fg, 0.9);
      break;
    }
    case 'checks': {
      const cell = rng.uniform(s * 0.1, s * 0.22);
      const inside = (u: number, v: number) => (Math.floor(u / cell) + Math.floor(v / cell)) % 2 === 0;
      r.pattern(rng.uniform(0, Math.PI / 2), inside, p.fg, 0.85);
      break;
    }
    case 'blocks':
      for (let i = rng.int(2, 5); i > 0; i--) {
        const w = rng.uniform(s * 0.15, s * 0.5);
        const h = rng.uniform(s * 0.15, s * 0.5);
        r.rect(rng.uniform(-w / 2, s - w / 2), rng.uniform(-h / 2, s - h / 2), w, h, i % 2 ? p.fg : p.accent, 0.95);
      }
      break;
  }
}

/** Image `index` of class `cls`: a pure function of (seed, class, index). */
export function renderImage(seed: number, cls: ImageClass, index: number, size: number): Raster {
  const rng = Rng.from(seed, 'corpus-image', cls, index);
  const p = palette(rng);
  const r = new Raster(size, size);
  r.gradient(p.bgA, p.bgB, rng.uniform(0, 2 * Math.PI));
  r.noise(rng, size / 6, 18);
  drawClass(r, cls, rng, p);
  r.noise(rng, 3, 6);
  return r;
}
