// Network configuration: presets from the paper's ResNet-101 down to a test-sized net, and the
// one boundary where options are validated.
import { OptionError, rejectUnknownKeys, requireBoolean, requireOneOf, requirePositiveInt } from '@mtssl/core';

export const MODEL_PRESETS = ['paper', 'cpu', 'small', 'tiny', 'probe'] as const;
export type ModelPreset = (typeof MODEL_PRESETS)[number];

export const EXEMPLAR_NEGATIVES = ['paired', 'batch-hard'] as const;
export type ExemplarNegatives = (typeof EXEMPLAR_NEGATIVES)[number];

export interface HeadWidths {
  /** Output and bottleneck channels of the two residual units of relative position / exemplar. */
  readonly unit1Out: number;
  readonly unit2Out: number;
  readonly unitBottleneck: number;
  /** Width of relative position's fully connected residual units. */
  readonly fc: number;
  /** Width of the colorization and motion convolutions. */
  readonly conv: number;
}

export interface ModelOptions {
  /** Residual units per block (blocks 1, 2, 3). */
  readonly units: readonly [number, number, number];
  /** Output channels per block; each bottleneck is width / 4. */
  readonly widths: readonly [number, number, number];
  readonly stemChannels: number;
  readonly stemKernel: number;
  /** Stride of the stem convolution (2 in the paper; 1 for 32-px images). */
  readonly stemStride: number;
  /** A 3x3 stride-2 max pool after the stem (the paper's; off for 32-px images). */
  readonly stemPool: boolean;
  /** Output stride 8 instead of 16: block 2 keeps its resolution and block 3 is dilated (rate 2). */
  readonly stride8: boolean;
  readonly heads: HeadWidths;
  /** Lasso over block 3's unit outputs (one alpha row per task plus an evaluation row). */
  readonly lasso: boolean;
  /** Relative position's patch side: fixes the input size of its first fully connected layer. */
  readonly rpPatchSize: number;
  /** Colorization classes (313 in the paper). */
  readonly numBins: number;
  /**
   * Exemplar's negative: `paired`, the view of another seed each triplet carries (the paper's), or
   * `batch-hard`, the closest embedding of any other seed in the batch (Hermans et al.'s batch-hard
   * triplet; the paired negative is among the candidates).
   */
  readonly exemplarNegatives: ExemplarNegatives;
  readonly seed: number;
}

/** Head widths are the paper's (1024/512/128, fc and convs 4096) times the trunk's width ratio. */
function scaledHeads(block3Width: number): HeadWidths {
  const s = block3Width / 1024;
  const w = (n: number, min: number) => Math.max(min, Math.round(n * s));
  return Object.freeze({ unit1Out: w(1024, 8), unit2Out: w(512, 8), unitBottleneck: w(128, 4), fc: w(4096, 16), conv: w(4096, 16) });
}

function preset(units: [number, number, number], widths: [number, number, number], stem: [number, number], extra: Partial<ModelOptions>): ModelOptions {
  return Object.freeze({
    units: Object.freeze(units),
    widths: Object.freeze(widths),
    stemChannels: stem[0],
    stemKernel: stem[1],
    stemStride: 2,
    stemPool: true,
    stride8: false,
    heads: scaledHeads(widths[2]),
    lasso: false,
    rpPatchSize: 96,
    numBins: 313,
    exemplarNegatives: 'paired',
    seed: 0,
    ...extra,
  }) as ModelOptions;
}

export const MODEL_PRESET_OPTIONS: Readonly<Record<ModelPreset, ModelOptions>> = Object.freeze({
  paper: preset([3, 4, 23], [256, 512, 1024], [64, 7], {}),
  // heads narrower than the width ratio gives: at 1/4 width the 2x2 colorization conv alone would
  // cost more than the trunk
  cpu: preset([1, 1, 2], [64, 128, 256], [32, 3], {
    stride8: true,
    rpPatchSize: 32,
    heads: Object.freeze({ unit1Out: 256, unit2Out: 128, unitBottleneck: 32, fc: 256, conv: 256 }),
  }),
  // 32-px images (CIFAR-10): a stride-2 stem without pooling, block 1 halves and (stride 8) block 2
  // keeps its map, so block 3 works on 8x8 at 32 px (output stride 4) and on 6x6 for relative
  // position's 24-px patches. Heads narrowed like cpu's: colorization and motion run at 64 positions.
  small: preset([1, 1, 2], [32, 64, 128], [32, 3], {
    stemPool: false,
    stride8: true,
    rpPatchSize: 24,
    heads: Object.freeze({ unit1Out: 128, unit2Out: 64, unitBottleneck: 16, fc: 128, conv: 64 }),
  }),
  tiny: preset([1, 1, 1], [16, 32, 64], [8, 3], { rpPatchSize: 32 }),
  probe: preset([2, 2, 2], [256, 512, 1024], [64, 7], { stride8: true, rpPatchSize: 64 }),
});

const KEYS = ['units', 'widths', 'stemChannels', 'stemKernel', 'stemStride', 'stemPool', 'stride8', 'heads', 'lasso', 'rpPatchSize', 'numBins', 'exemplarNegatives', 'seed'];
const HEAD_KEYS = ['unit1Out', 'unit2Out', 'unitBottleneck', 'fc', 'conv'];

function requireTriple(name: string, value: unknown): [number, number, number] {
  if (!Array.isArray(value) || value.length !== 3) throw new OptionError(`${name} must be 3 positive integers, got ${JSON.stringify(value)}`);
  return [0, 1, 2].map((i) => requirePositiveInt(`${name}[${i}]`, value[i])) as [number, number, number];
}

function requireStemStride(value: unknown): number {
  if (value !== 1 && value !== 2) throw new OptionError(`stemStride must be 1 or 2, got ${String(value)}`);
  return value;
}

/** A preset with overrides, validated; throws OptionError naming the bad option. */
export function resolveModelOptions(presetName: ModelPreset = 'cpu', overrides: Partial<ModelOptions> = {}): ModelOptions {
  requireOneOf('preset', presetName, MODEL_PRESETS);
  rejectUnknownKeys('model options', overrides, KEYS);
  const base = MODEL_PRESET_OPTIONS[presetName];
  const merged = { ...base, ...overrides };
  const widths = requireTriple('widths', merged.widths);
  widths.forEach((w, i) => {
    if (w % 4 !== 0) throw new OptionError(`widths[${i}] must be a multiple of 4 (bottleneck = width / 4), got ${w}`);
  });
  const heads = { ...(overrides.widths ? scaledHeads(widths[2]) : base.heads), ...(overrides.heads ?? {}) };
  rejectUnknownKeys('heads', heads, HEAD_KEYS);
  for (const key of HEAD_KEYS) requirePositiveInt(`heads.${key}`, heads[key as keyof HeadWidths]);
  if (!Number.isInteger(merged.seed) || merged.seed < 0) throw new OptionError(`seed must be a non-negative integer, got ${merged.seed}`);
  return Object.freeze({
    units: Object.freeze(requireTriple('units', merged.units)),
    widths: Object.freeze(widths),
    stemChannels: requirePositiveInt('stemChannels', merged.stemChannels),
    stemKernel: requirePositiveInt('stemKernel', merged.stemKernel),
    stemStride: requireStemStride(merged.stemStride),
    stemPool: requireBoolean('stemPool', merged.stemPool),
    stride8: requireBoolean('stride8', merged.stride8),
    heads: Object.freeze(heads),
    lasso: requireBoolean('lasso', merged.lasso),
    rpPatchSize: requirePositiveInt('rpPatchSize', merged.rpPatchSize),
    numBins: requirePositiveInt('numBins', merged.numBins),
    exemplarNegatives: requireOneOf('exemplarNegatives', merged.exemplarNegatives ?? 'paired', EXEMPLAR_NEGATIVES),
    seed: merged.seed,
  }) as ModelOptions;
}

type StrideOptions = Pick<ModelOptions, 'stride8'> & Partial<Pick<ModelOptions, 'stemStride' | 'stemPool'>>;

/** The strides from input to block 3: stem conv, stem pool, block 1, block 2 (1 with stride8). */
function strides(options: StrideOptions): number[] {
  // Checkpoints written before the stem options existed had the paper's stem.
  const stem = [options.stemStride ?? 2, (options.stemPool ?? true) ? 2 : 1];
  return [...stem, 2, options.stride8 ? 1 : 2];
}

/** Output stride of the trunk: 16 with the paper's stem, 8 with stride8, 4 for the small preset. */
export function outputStride(options: StrideOptions): number {
  return strides(options).reduce((a, b) => a * b, 1);
}

/** Spatial side after the trunk for an input side, following 'same' padding (ceil at each stride). */
export function featureSide(inputSide: number, options: StrideOptions): number {
  let side = inputSide;
  for (const s of strides(options)) side = Math.ceil(side / s);
  return side;
}
