// Options of the exemplar stream: seed patches and the augmentation ranges that make their views.
import {
  OptionError,
  PresetName,
  rejectUnknownKeys,
  requireBoolean,
  requireNumberInRange,
  requirePositiveInt,
} from '@mtssl/core';

export interface ExemplarOptions {
  /** Images are resized so their short side has this many pixels (Dosovitskiy et al.: 256). */
  readonly resizeTo: number;
  /** Side of each square view. */
  readonly patchSize: number;
  /** Seed patches (pseudo-classes) per image. */
  readonly seedsPerImage: number;
  /** Scales every range below: 0 gives identical views, 1 the full ranges. */
  readonly augmentStrength: number;
  /** Largest shift, as a fraction of patchSize. */
  readonly translate: number;
  /** Largest rotation in degrees. */
  readonly rotate: number;
  /** Largest scale change in octaves: the factor lies in [2^-scale, 2^scale]. */
  readonly scale: number;
  /** Largest hue shift as a fraction of the colour circle. */
  readonly hue: number;
  /** Largest saturation change in octaves (factor in [2^-s, 2^s]). */
  readonly saturation: number;
  /** Largest brightness shift as a fraction of full scale. */
  readonly brightness: number;
  /** Largest contrast change in octaves (factor in [2^-c, 2^c]). */
  readonly contrast: number;
  /** Feed Lab L replicated to 3 channels instead of RGB (input harmonization). */
  readonly harmonize: boolean;
}

export const EXEMPLAR_DEFAULTS: Readonly<ExemplarOptions> = Object.freeze({
  resizeTo: 128,
  patchSize: 32,
  seedsPerImage: 4,
  augmentStrength: 1,
  translate: 0.2,
  rotate: 20,
  scale: 0.5,
  hue: 0.1,
  saturation: 1,
  brightness: 0.15,
  contrast: 0.7,
  harmonize: false,
});

export const EXEMPLAR_PRESETS: Readonly<Record<PresetName, Readonly<Partial<ExemplarOptions>>>> = Object.freeze({
  tiny: Object.freeze({ resizeTo: 48, patchSize: 16, seedsPerImage: 2 }),
  // A 32-px view of a 40-px resize keeps most of a 32-px source in every view; one seed per image
  // since a second seed of so small an image would overlap the first almost entirely.
  small: Object.freeze({ resizeTo: 40, patchSize: 32, seedsPerImage: 1 }),
  cpu: Object.freeze({ resizeTo: 128, patchSize: 32, seedsPerImage: 4 }),
  paper: Object.freeze({ resizeTo: 256, patchSize: 96, seedsPerImage: 1 }),
});

const KNOWN = Object.keys(EXEMPLAR_DEFAULTS);

export function resolveExemplarOptions(options: Partial<ExemplarOptions> = {}): Readonly<ExemplarOptions> {
  rejectUnknownKeys('exemplar', options, KNOWN);
  const o = { ...EXEMPLAR_DEFAULTS, ...options };
  requirePositiveInt('resizeTo', o.resizeTo);
  requirePositiveInt('patchSize', o.patchSize);
  requirePositiveInt('seedsPerImage', o.seedsPerImage);
  requireNumberInRange('augmentStrength', o.augmentStrength, 0, 1);
  requireNumberInRange('translate', o.translate, 0, 1);
  requireNumberInRange('rotate', o.rotate, 0, 180);
  requireNumberInRange('scale', o.scale, 0, 2);
  requireNumberInRange('hue', o.hue, 0, 0.5);
  requireNumberInRange('saturation', o.saturation, 0, 4);
  requireNumberInRange('brightness', o.brightness, 0, 1);
  requireNumberInRange('contrast', o.contrast, 0, 4);
  requireBoolean('harmonize', o.harmonize);
  if (o.resizeTo < o.patchSize) {
    throw new OptionError(`resizeTo must be at least patchSize = ${o.patchSize}, got ${o.resizeTo}`);
  }
  return Object.freeze(o);
}
