// The random square crop of sample k: drawn from sampleRng(seed, 'colorization', k) alone.
import type { Rng } from '@mtssl/core';

export interface CropGeometry {
  readonly left: number;
  readonly top: number;
  readonly side: number;
  readonly flip: boolean;
}

/** A square of side U(minScale, 1) x the shorter side, at a uniform position, maybe mirrored. */
export function sampleCrop(rng: Rng, width: number, height: number, minScale: number, flip: boolean): CropGeometry {
  const short = Math.min(width, height);
  const side = Math.max(1, Math.min(short, Math.round(short * rng.uniform(minScale, 1))));
  const left = rng.int(0, width - side);
  const top = rng.int(0, height - side);
  // Draw the flip even when flips are off, so turning them off leaves the crops unchanged.
  const mirrored = rng.bool();
  return { left, top, side, flip: flip && mirrored };
}
