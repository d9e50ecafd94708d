// The sizes of the fake datasets and the noisy pixels their samples are made of.
import { Rng } from '@mtssl/core';

export interface FakeSizes {
  readonly count: number;
  /** Patch side (relative position, exemplar) and image side (colorization, motion). */
  readonly side: number;
  /** Colorization target side (inputSize / output stride). */
  readonly targetSide: number;
  readonly numBins: number;
  readonly harmonized: boolean;
}

export const FAKE_SIZES: Readonly<FakeSizes> = Object.freeze({ count: 32, side: 32, targetSide: 2, numBins: 8, harmonized: false });

export function noise(rng: Rng, n: number, base: number, spread: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.max(0, Math.min(255, Math.round(base + rng.uniform(-spread, spread))));
  return out;
}
