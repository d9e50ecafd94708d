// Worker thread: decode the anchor's and the negative's images and render sample k's triplet.
import { BadImage, configureWorker, decodeImage, moveOut, PositionResult, RgbImage, sampleRng } from '@mtssl/core';
import type { ExemplarOptions } from './options';
import { SeedRef, TASK_KEY, TripletTask } from './task';
import { makeTriplet } from './triplet';

configureWorker();

function load(ref: SeedRef, o: Readonly<ExemplarOptions>): Promise<RgbImage> {
  return decodeImage(ref.file, {
    shortSide: o.resizeTo,
    minSourceSide: o.patchSize,
    minSourceWhy: `patch of ${o.patchSize} px`,
  });
}

export async function handle(task: TripletTask): Promise<PositionResult> {
  const o = task.options;
  let file = task.anchor.file;
  try {
    const anchorImage = await load(task.anchor, o);
    file = task.negative.file;
    const negativeImage = await load(task.negative, o);
    // The views draw from sample k's generator; the negative was chosen on the main thread from
    // its child 'negative' (negativeRng), which does not advance it.
    const rng = sampleRng(task.seed, TASK_KEY, task.index);
    const triplet = makeTriplet(
      { image: anchorImage, imageIndex: task.anchor.image, seedNo: task.anchor.seedNo },
      { image: negativeImage, imageIndex: task.negative.image, seedNo: task.negative.seedNo },
      task.seed,
      o,
      rng,
    );
    return moveOut({ ok: true, index: task.index, sample: { views: triplet.views, seed_ids: triplet.seedIds } });
  } catch (err) {
    if (err instanceof BadImage) return { ok: false, index: task.index, file, reason: err.message };
    throw err;
  }
}
