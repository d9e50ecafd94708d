// One colorization sample from one file: decode, grayscale check, crop, encode.
import { BadImage, sampleRng, Sample } from '@mtssl/core';
import { sampleCrop } from './crop';
import { cropResize, decodeRgb } from './decode';
import { encodeCrop, grayscaleCheck } from './encode';
import type { ColorizationOptions } from './options';
import { binCentersFor } from './schema';
import { ColorizationResult, ColorizationTask, TASK_KEY } from './task';

/** Field not in the schema (shards drop it): the crop's own a/b + 128 as bytes, for previews. */
export const TRUE_AB_FIELD = 'ab_true';

function trueAb(lab: Float32Array): Uint8Array {
  const n = lab.length / 3;
  const out = new Uint8Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = Math.max(0, Math.min(255, Math.round(lab[3 * i + 1] + 128)));
    out[2 * i + 1] = Math.max(0, Math.min(255, Math.round(lab[3 * i + 2] + 128)));
  }
  return out;
}

function failure(task: ColorizationTask, reason: string, grayscale: boolean): ColorizationResult {
  return { ok: false, index: task.index, file: task.file, reason, grayscale };
}

export async function makeSample(task: ColorizationTask): Promise<ColorizationResult> {
  const o: Readonly<ColorizationOptions> = task.options;
  let image;
  try {
    image = await decodeRgb(task.file, o.minImageSize);
  } catch (err) {
    if (err instanceof BadImage) return failure(task, err.message, false);
    throw err;
  }
  const check = grayscaleCheck(image.data, 3, o.grayscaleChroma);
  const grey = check.grey;
  if (check.grey && o.grayscale === 'skip') {
    return failure(task, `grayscale: mean chroma ${check.meanChroma.toFixed(1)} < ${o.grayscaleChroma}`, true);
  }
  const crop = sampleCrop(sampleRng(task.seed, TASK_KEY, task.index), image.width, image.height, o.minCropScale, o.flip);
  const rgb = await cropResize(image, crop, o.inputSize);
  const targetSize = o.targetSize ?? o.inputSize / 8;
  const spec = { size: o.inputSize, targetSize, softK: o.softK, softSigma: o.softSigma, centres: binCentersFor(o) };
  const { input, abBins, abWeights, lab } = encodeCrop(rgb, spec);
  const sample: Sample = {
    input,
    ab_bins: abBins,
    ab_weights: abWeights,
    sample_weight: Float32Array.of(grey ? o.grayscaleWeight : 1),
    [TRUE_AB_FIELD]: trueAb(lab),
  };
  return { ok: true, index: task.index, sample };
}
