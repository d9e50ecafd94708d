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

/** The first candidate whose image decodes, and the candidates passed over on the way. */
async function firstReadable(candidates: readonly SeedRef[], o: Readonly<ExemplarOptions>): Promise<{ ref: SeedRef; image: RgbImage; passed: Array<{ file: string; reason: string }> }> {
  const passed: Array<{ file: string; reason: string }> = [];
  for (const ref of candidates) {
    try {
      return { ref, image: await load(ref, o), passed };
    } catch (err) {
      if (!(err instanceof BadImage)) throw err;
      passed.push({ file: ref.file, reason: err.message });
    }
  }
  const last = passed[passed.length - 1];
  throw new BadImage(`no readable negative among ${candidates.length} candidates (last: ${last?.file}: ${last?.reason})`);
}

export async function handle(task: TripletTask): Promise<PositionResult> {
  const o = task.options;
  let file = task.anchor.file;
  try {
    const anchorImage = await load(task.anchor, o);
    file = (task.negatives[task.negatives.length - 1] as SeedRef).file;
    const negative = await firstReadable(task.negatives, o);
    // The views draw from sample k's generator; the negatives were chosen on the main thread from
    // its child 'negative' (negativeRng), which does not advance it.
    const rng = sampleRng(task.seed, TASK_KEY, task.index);
    const triplet = makeTriplet(
      { image: anchorImage, imageIndex: task.anchor.image, seedNo: task.anchor.seedNo },
      { image: negative.image, imageIndex: negative.ref.image, seedNo: negative.ref.seedNo },
      task.seed,
      o,
      rng,
    );
    const sample = { views: triplet.views, seed_ids: triplet.seedIds };
    return moveOut({ ok: true, index: task.index, sample, ...(negative.passed.length ? { badInputs: negative.passed } : {}) });
  } catch (err) {
    if (err instanceof BadImage) return { ok: false, index: task.index, file, reason: err.message };
    throw err;
  }
}
