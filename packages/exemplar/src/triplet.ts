// One exemplar sample: two views of the anchor seed and one view of a seed from another image.
import type { RgbImage, Rng } from '@mtssl/core';
import { renderView, sampleViewParams } from './augment';
import type { ExemplarOptions } from './options';
import { seedCentre, seedId } from './seeds';

export interface SeedImage {
  readonly image: RgbImage;
  /** Index of the image in the manifest. */
  readonly imageIndex: number;
  readonly seedNo: number;
}

export interface Triplet {
  /** [3, P, P, 3]: anchor, positive (same seed), negative (another seed). */
  readonly views: Uint8Array;
  /** [anchor seed id, negative seed id]. */
  readonly seedIds: Int32Array;
}

function viewOf(s: SeedImage, runSeed: number, o: Readonly<ExemplarOptions>, rng: Rng): Uint8Array {
  const centre = seedCentre(runSeed, s.imageIndex, s.seedNo, s.image.width, s.image.height, o.patchSize);
  return renderView(s.image, centre, sampleViewParams(o, rng), o);
}

/** `rng` continues sample k's generator after the negative was picked from it. */
export function makeTriplet(
  anchor: SeedImage,
  negative: SeedImage,
  runSeed: number,
  o: Readonly<ExemplarOptions>,
  rng: Rng,
): Triplet {
  const n = o.patchSize * o.patchSize * 3;
  const views = new Uint8Array(3 * n);
  views.set(viewOf(anchor, runSeed, o, rng), 0);
  views.set(viewOf(anchor, runSeed, o, rng), n);
  views.set(viewOf(negative, runSeed, o, rng), 2 * n);
  const seedIds = Int32Array.of(
    seedId(anchor.imageIndex, anchor.seedNo, o.seedsPerImage),
    seedId(negative.imageIndex, negative.seedNo, o.seedsPerImage),
  );
  return { views, seedIds };
}
