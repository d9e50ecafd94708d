// Options of the relative-position stream: grid geometry, the chromatic-aberration guard and
// input harmonization. Validated once at the boundary so workers can trust them.
import {
  OptionError,
  PresetName,
  rejectUnknownKeys,
  requireBoolean,
  requireNonNegativeInt,
  requireNumberInRange,
  requireOneOf,
  requirePositiveInt,
} from '@mtssl/core';

/**
 * How the stream denies the network chromatic-aberration shortcuts (Doersch et al. 2015):
 * 'drop' keeps one random colour channel per patch and fills the others with grey noise,
 * 'project' removes the green-magenta component, 'gray' uses luminance only.
 */
export const CHROMA_GUARDS = ['none', 'drop', 'project', 'gray'] as const;
export type ChromaGuard = (typeof CHROMA_GUARDS)[number];

export interface RelativePositionOptions {
  /** The image is resized so its short side has this many pixels before the grid is placed. */
  readonly shortSide: number;
  /** Side of each square patch. */
  readonly patchSize: number;
  /** Pixels between neighbouring patches (before jitter). */
  readonly gap: number;
  /** Each patch moves by up to this many pixels in x and y inside its cell; at most gap / 2. */
  readonly jitter: number;
  readonly chromaGuard: ChromaGuard;
  /** Feed Lab L replicated to 3 channels instead of RGB (input harmonization). */
  readonly harmonize: boolean;
  /** Largest factor a source image may be upscaled by to reach shortSide; smaller images are skipped. */
  readonly maxUpscale: number;
}

export const RELATIVE_POSITION_DEFAULTS: Readonly<RelativePositionOptions> = Object.freeze({
  shortSide: 160,
  patchSize: 32,
  gap: 16,
  jitter: 4,
  chromaGuard: 'project',
  harmonize: false,
  maxUpscale: 2,
});

export const RELATIVE_POSITION_PRESETS: Readonly<Record<PresetName, Readonly<Partial<RelativePositionOptions>>>> =
  Object.freeze({
    tiny: Object.freeze({ shortSide: 64, patchSize: 16, gap: 4, jitter: 2, maxUpscale: 1 }),
    // 32-px sources (CIFAR-10) upsampled 3x: three 32-px cells hold 24-px patches (8 source pixels
    // each) with an 8-px gap, so patch edges never touch even at full jitter.
    small: Object.freeze({ shortSide: 96, patchSize: 24, gap: 8, jitter: 3, maxUpscale: 3 }),
    cpu: Object.freeze({ shortSide: 160, patchSize: 32, gap: 16, jitter: 4 }),
    // Doersch et al. 2015: 96-px patches, 48-px gap, up to 7 px jitter; the grid needs 3 cells of 144 px.
    paper: Object.freeze({ shortSide: 432, patchSize: 96, gap: 48, jitter: 7, maxUpscale: 3 }),
  });

const KNOWN = Object.keys(RELATIVE_POSITION_DEFAULTS);

/** Distance between the top-left corners of neighbouring cells. */
export function cellSize(o: Pick<RelativePositionOptions, 'patchSize' | 'gap'>): number {
  return o.patchSize + o.gap;
}

/** Merges over the defaults and validates; throws OptionError naming the bad option. */
export function resolveRelativePositionOptions(
  options: Partial<RelativePositionOptions> = {},
): Readonly<RelativePositionOptions> {
  rejectUnknownKeys('relative-position', options, KNOWN);
  const o = { ...RELATIVE_POSITION_DEFAULTS, ...options };
  requirePositiveInt('shortSide', o.shortSide);
  requirePositiveInt('patchSize', o.patchSize);
  requireNonNegativeInt('gap', o.gap);
  requireNonNegativeInt('jitter', o.jitter);
  requireOneOf('chromaGuard', o.chromaGuard, CHROMA_GUARDS);
  requireBoolean('harmonize', o.harmonize);
  requireNumberInRange('maxUpscale', o.maxUpscale, 1, 16);
  // Jitter beyond half the gap would let neighbouring patches touch, leaking edge continuity.
  if (2 * o.jitter > o.gap) throw new OptionError(`jitter must be at most gap / 2 = ${o.gap / 2}, got ${o.jitter}`);
  const need = 3 * cellSize(o);
  if (o.shortSide < need) {
    throw new OptionError(`shortSide must be at least 3 cells of ${cellSize(o)} px = ${need}, got ${o.shortSide}`);
  }
  return Object.freeze(o);
}
