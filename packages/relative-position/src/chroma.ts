// Chromatic-aberration guards (Doersch et al. 2015, sec. 3.1): lens aberration shifts green
// against magenta towards the image border, which would reveal a patch's absolute position.
import type { Rng } from '@mtssl/core';
import type { ChromaGuard } from './options';

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Removes the component along the green-magenta axis (-1, 2, -1)/sqrt(6) from every pixel, in place. */
export function projectOutGreenMagenta(rgb: Uint8Array): void {
  for (let i = 0; i < rgb.length; i += 3) {
    const r = rgb[i] as number;
    const g = rgb[i + 1] as number;
    const b = rgb[i + 2] as number;
    const t = (2 * g - r - b) / 6; // (x . a) / |a|^2 with a = (-1, 2, -1)
    rgb[i] = clampByte(r + t);
    rgb[i + 1] = clampByte(g - 2 * t);
    rgb[i + 2] = clampByte(b + t);
  }
}

/** Rec. 601 luma replicated to the three channels, in place. */
export function toGray(rgb: Uint8Array): void {
  for (let i = 0; i < rgb.length; i += 3) {
    const y = clampByte(0.299 * (rgb[i] as number) + 0.587 * (rgb[i + 1] as number) + 0.114 * (rgb[i + 2] as number));
    rgb[i] = y;
    rgb[i + 1] = y;
    rgb[i + 2] = y;
  }
}

/**
 * Colour dropping: keeps one random channel and replaces the other two with grey (128) plus
 * Gaussian noise of 1/100 the kept channel's standard deviation, as in Doersch et al. 2015.
 */
export function dropChannels(rgb: Uint8Array, rng: Rng): void {
  const keep = rng.int(0, 2);
  const n = rgb.length / 3;
  let sum = 0;
  let sumSq = 0;
  for (let i = keep; i < rgb.length; i += 3) {
    const v = rgb[i] as number;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  const std = Math.sqrt(Math.max(0, sumSq / n - mean * mean)) / 100;
  for (let i = 0; i < rgb.length; i += 3) {
    for (let c = 0; c < 3; c++) if (c !== keep) rgb[i + c] = clampByte(128 + rng.normal(0, std));
  }
}

/** Applies the guard to one patch in place; 'drop' decides per patch. */
export function applyChromaGuard(rgb: Uint8Array, guard: ChromaGuard, rng: Rng): void {
  switch (guard) {
    case 'none':
      return;
    case 'project':
      return projectOutGreenMagenta(rgb);
    case 'gray':
      return toGray(rgb);
    case 'drop':
      return dropChannels(rgb, rng);
  }
}
