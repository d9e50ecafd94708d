// One relative-position sample from one decoded image: the centre patch, one neighbour and
// the neighbour's label, with the chromatic-aberration guard or harmonization applied.
import { harmonizeRgb, ImageView, Rng } from '@mtssl/core';
import { applyChromaGuard } from './chroma';
import { samplePairLayout, PairLayout } from './geometry';
import type { RelativePositionOptions } from './options';

export interface PatchPair {
  /** [2, P, P, 3]: 0 = centre, 1 = neighbour. */
  readonly patches: Uint8Array;
  readonly label: number;
  readonly layout: PairLayout;
}

function finishPatch(patch: Uint8Array, o: Readonly<RelativePositionOptions>, rng: Rng): Uint8Array {
  // Harmonized input carries no colour, so no colour guard is needed on top of it.
  if (o.harmonize) return harmonizeRgb(patch, 3);
  applyChromaGuard(patch, o.chromaGuard, rng);
  return patch;
}

/** Sample k's pair from the image at the stream's size (a view: only the two patches are computed). */
export function makePair(image: ImageView, o: Readonly<RelativePositionOptions>, rng: Rng): PatchPair {
  const layout = samplePairLayout(image.width, image.height, o, rng);
  const size = o.patchSize;
  const centre = finishPatch(image.crop(layout.centre.x, layout.centre.y, size, size), o, rng);
  const neighbour = finishPatch(image.crop(layout.neighbour.x, layout.neighbour.y, size, size), o, rng);
  const patches = new Uint8Array(2 * size * size * 3);
  patches.set(centre, 0);
  patches.set(neighbour, centre.length);
  return { patches, label: layout.label, layout };
}
