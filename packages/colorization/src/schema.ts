// What a colorization sample looks like (docs/ARCHITECTURE.md, "Samples").
// `satisfies` holds the literal to the task's contract (@mtssl/contracts) without changing what is emitted.
import type { SampleSchemaOf } from '@mtssl/contracts';
import { abBinCenters, SampleSchema } from '@mtssl/core';
import type { ColorizationOptions } from './options';

export const COLORIZATION_SCHEMA_VERSION = 1;

/** The a/b bins the options select (313 with the default margin). */
export function binCentersFor(options: Readonly<ColorizationOptions>): Float32Array {
  return abBinCenters({ margin: options.binMargin });
}

export function colorizationSchema(options: Readonly<ColorizationOptions>): SampleSchema {
  const s = options.inputSize;
  const t = options.targetSize ?? s / 8;
  const k = options.softK;
  return {
    task: 'colorization',
    version: COLORIZATION_SCHEMA_VERSION,
    fields: [
      { name: 'input', dtype: 'uint8', shape: [s, s, 1], description: 'Lab L scaled to 0..255' },
      { name: 'ab_bins', dtype: 'int32', shape: [t, t, k], description: 'nearest a/b bins per target pixel, nearest first' },
      { name: 'ab_weights', dtype: 'float32', shape: [t, t, k], description: 'Gaussian soft-encoding weights, sum 1 per pixel' },
      { name: 'sample_weight', dtype: 'float32', shape: [1], description: '1, or grayscaleWeight for near-grayscale images' },
    ],
    attributes: {
      inputSize: s,
      targetSize: t,
      numBins: binCentersFor(options).length / 2,
      softK: k,
      softSigma: options.softSigma,
      binMargin: options.binMargin,
    },
  } satisfies SampleSchemaOf<'colorization'>;
}
