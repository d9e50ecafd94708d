// Seed patches: where pseudo-class (image, seedNo) sits in its resized image, and which seed
// serves as the negative of a sample.
import { Rng, sampleRng } from '@mtssl/core';
import type { SeedCentre } from './augment';

/** A seed's numeric id: its image's index in the manifest times seedsPerImage plus its number. */
export function seedId(image: number, seedNo: number, seedsPerImage: number): number {
  return image * seedsPerImage + seedNo;
}

/**
 * A seed's centre depends only on (run seed, image, seedNo) and the image size, never on the
 * sample, so every view of one pseudo-class starts from the same place.
 */
export function seedCentre(
  runSeed: number,
  image: number,
  seedNo: number,
  width: number,
  height: number,
  patchSize: number,
): SeedCentre {
  const rng = Rng.from(runSeed, 'exemplar-seed', image, seedNo);
  const half = patchSize / 2;
  const x = width <= patchSize ? width / 2 : rng.uniform(half, width - half);
  const y = height <= patchSize ? height / 2 : rng.uniform(half, height - half);
  return { x, y };
}

/** Sample k's generator for choosing its negative: a child of sampleRng(seed, task, k). */
export function negativeRng(runSeed: number, index: number): Rng {
  return sampleRng(runSeed, 'exemplar', index).split('negative');
}

/** The negative's image (never the anchor's) and seed number. */
export function pickNegative(
  rng: Rng,
  anchorImage: number,
  imageCount: number,
  seedsPerImage: number,
): { image: number; seedNo: number } {
  if (imageCount < 2) throw new RangeError(`exemplar needs at least 2 images for negatives, got ${imageCount}`);
  const image = (anchorImage + 1 + rng.int(0, imageCount - 2)) % imageCount;
  return { image, seedNo: rng.int(0, seedsPerImage - 1) };
}

/** Candidates tried in order when a negative's image is unreadable: with half the images bad, a sample is lost with probability 2^-32. */
export const NEGATIVE_CANDIDATES = 32;

/**
 * `count` negative candidates drawn one after another from sample k's negative generator: the first is
 * pickNegative's, so samples whose first negative is readable are unchanged.
 */
export function pickNegatives(rng: Rng, anchorImage: number, imageCount: number, seedsPerImage: number, count = NEGATIVE_CANDIDATES): Array<{ image: number; seedNo: number }> {
  return Array.from({ length: count }, () => pickNegative(rng, anchorImage, imageCount, seedsPerImage));
}
