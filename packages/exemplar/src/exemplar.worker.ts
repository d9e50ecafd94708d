// Worker thread: decode the anchor's and the negative's images and render the triplets of a chunk of
// consecutive samples. A sample's first negative candidate is the next sample's anchor image, so within
// a chunk each image is decoded once for two samples.
import { BadImage, configureWorker, decodeImage, moveOut, PositionResult, RgbImage, sampleRng } from '@mtssl/core';
import type { ExemplarOptions } from './options';
import { SeedRef, TASK_KEY, TripletTask } from './task';
import { makeTriplet } from './triplet';

configureWorker();

/** Decoded images of one chunk by file; a bad file stays a rejected promise, so it is read once too. */
type ImageCache = Map<string, Promise<RgbImage>>;

function load(ref: SeedRef, o: Readonly<ExemplarOptions>, cache: ImageCache): Promise<RgbImage> {
  let image = cache.get(ref.file);
  if (!image) {
    image = decodeImage(ref.file, { shortSide: o.resizeTo, minSourceSide: o.patchSize, minSourceWhy: `patch of ${o.patchSize} px` });
    image.catch(() => undefined); // awaited (and its BadImage handled) by whoever uses it
    cache.set(ref.file, image);
  }
  return image;
}

/** The first candidate whose image decodes, and the candidates passed over on the way. */
async function firstReadable(candidates: readonly SeedRef[], o: Readonly<ExemplarOptions>, cache: ImageCache): Promise<{ ref: SeedRef; image: RgbImage; passed: Array<{ file: string; reason: string }> }> {
  const passed: Array<{ file: string; reason: string }> = [];
  for (const ref of candidates) {
    try {
      return { ref, image: await load(ref, o, cache), passed };
    } catch (err) {
      if (!(err instanceof BadImage)) throw err;
      passed.push({ file: ref.file, reason: err.message });
    }
  }
  const last = passed[passed.length - 1];
  throw new BadImage(`no readable negative among ${candidates.length} candidates (last: ${last?.file}: ${last?.reason})`);
}

async function triplet(task: TripletTask, cache: ImageCache): Promise<PositionResult> {
  const o = task.options;
  let file = task.anchor.file;
  try {
    const anchorImage = await load(task.anchor, o, cache);
    file = (task.negatives[task.negatives.length - 1] as SeedRef).file;
    const negative = await firstReadable(task.negatives, o, cache);
    // The views draw from sample k's generator; the negatives were chosen on the main thread from
    // its child 'negative' (negativeRng), which does not advance it.
    const rng = sampleRng(task.seed, TASK_KEY, task.index);
    const made = makeTriplet(
      { image: anchorImage, imageIndex: task.anchor.image, seedNo: task.anchor.seedNo },
      { image: negative.image, imageIndex: negative.ref.image, seedNo: negative.ref.seedNo },
      task.seed,
      o,
      rng,
    );
    const sample = { views: made.views, seed_ids: made.seedIds };
    return { ok: true, index: task.index, sample, ...(negative.passed.length ? { badInputs: negative.passed } : {}) };
  } catch (err) {
    if (err instanceof BadImage) return { ok: false, index: task.index, file, reason: err.message };
    throw err;
  }
}

export async function handleChunk(tasks: readonly TripletTask[]): Promise<PositionResult[]> {
  const cache: ImageCache = new Map();
  const results: PositionResult[] = [];
  for (const task of tasks) results.push(await triplet(task, cache));
  return moveOut(results);
}
