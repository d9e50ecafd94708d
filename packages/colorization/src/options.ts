// Colorization options: one interface, frozen defaults, presets, and validation at the boundary.
import {
  AB_GAMUT_MARGIN,
  OptionError,
  PresetName,
  rejectUnknownKeys,
  requireNumberInRange,
  requireOneOf,
  requirePositiveInt,
  requireBoolean,
} from '@mtssl/core';

export const GRAYSCALE_POLICIES = ['skip', 'down-weight'] as const;
export type GrayscalePolicy = (typeof GRAYSCALE_POLICIES)[number];

export interface ColorizationOptions {
  /** Side S of the square L input. */
  readonly inputSize: number;
  /** Side of the a/b target grid; inputSize / 8 when left out (matches a stride-8 trunk). */
  readonly targetSize?: number;
  /** Nearest bins per target pixel in the soft encoding (Zhang et al.: 5). */
  readonly softK: number;
  /** Gaussian width of the soft encoding, in a/b units (Zhang et al.: 5). */
  readonly softSigma: number;
  /** Distance to the gamut footprint that makes a grid point a bin; 13.5 gives the 313 bins. */
  readonly binMargin: number;
  /** Smallest random square crop, as a fraction of the image's shorter side. */
  readonly minCropScale: number;
  /** Random horizontal flips. */
  readonly flip: boolean;
  /** Images whose shorter side is below this many pixels are bad input. */
  readonly minImageSize: number;
  /**
   * Mean chroma sqrt(a^2 + b^2) of the whole image below which it counts as grayscale (unless at least
   * 1% of its pixels have a chroma above 4x this: a colour subject on a neutral background).
   */
  readonly grayscaleChroma: number;
  /** Grayscale images: left out (reported) or kept with sample_weight = grayscaleWeight. */
  readonly grayscale: GrayscalePolicy;
  readonly grayscaleWeight: number;
}

export const COLORIZATION_DEFAULTS: Readonly<ColorizationOptions> = Object.freeze({
  inputSize: 64,
  softK: 5,
  softSigma: 5,
  binMargin: AB_GAMUT_MARGIN,
  minCropScale: 0.6,
  flip: true,
  minImageSize: 32,
  // Chroma of JPEG-compressed grey images is well under 1; real colour photographs are far above 3.
  grayscaleChroma: 3,
  grayscale: 'skip',
  grayscaleWeight: 0.1,
});

export const COLORIZATION_PRESETS: Readonly<Record<PresetName, Readonly<Partial<ColorizationOptions>>>> = Object.freeze({
  tiny: Object.freeze({ inputSize: 32 }),
  // L at the small trunk's 32-px input; a/b targets at its output (stride 4 -> 8x8).
  small: Object.freeze({ inputSize: 32, targetSize: 8, minImageSize: 32 }),
  cpu: Object.freeze({ inputSize: 64 }),
  paper: Object.freeze({ inputSize: 256, minImageSize: 64 }),
});

const KNOWN = [...Object.keys(COLORIZATION_DEFAULTS), 'targetSize'];

function resolveTargetSize(inputSize: number, targetSize: unknown): number {
  if (targetSize !== undefined) {
    const t = requirePositiveInt('targetSize', targetSize);
    if (t > inputSize) throw new OptionError(`targetSize must be at most inputSize (${inputSize}), got ${t}`);
    return t;
  }
  if (inputSize % 8 !== 0) throw new OptionError(`inputSize must be a multiple of 8 when targetSize is left out, got ${inputSize}`);
  return inputSize / 8;
}

/** Merges over the defaults and validates; the result always has targetSize filled in. */
export function resolveColorizationOptions(options: Partial<ColorizationOptions> = {}): Readonly<ColorizationOptions> {
  rejectUnknownKeys('colorization', options, KNOWN);
  const o = { ...COLORIZATION_DEFAULTS, ...options };
  requirePositiveInt('inputSize', o.inputSize);
  const targetSize = resolveTargetSize(o.inputSize, o.targetSize);
  requirePositiveInt('softK', o.softK);
  // More neighbours than this carry no weight at sigma 5 and only bloat the shards.
  if (o.softK > 32) throw new OptionError(`softK must be at most 32, got ${o.softK}`);
  requireNumberInRange('softSigma', o.softSigma, 1e-3, 100);
  requireNumberInRange('binMargin', o.binMargin, 0, 100);
  requireNumberInRange('minCropScale', o.minCropScale, 0.05, 1);
  requireBoolean('flip', o.flip);
  requirePositiveInt('minImageSize', o.minImageSize);
  requireNumberInRange('grayscaleChroma', o.grayscaleChroma, 0, 150);
  requireOneOf('grayscale', o.grayscale, GRAYSCALE_POLICIES);
  requireNumberInRange('grayscaleWeight', o.grayscaleWeight, 0, 1);
  return Object.freeze({ ...o, targetSize });
}
