// What each task's samples carry (docs/ARCHITECTURE.md, "Samples"): the fields in the order the stream's
// schema lists them, each with its dtype and shape, the schema version and the attributes stored beside
// the shards. Streams check their schema() against these with `satisfies SampleSchemaOf<task>`, so a
// field renamed, reordered, retyped or reshaped on one side fails the build, not a training run.
// Shapes are tuples: a number literal is fixed by the contract, `number` is set by the stream's options
// (the letters in the comments are the ARCHITECTURE.md table's).
import type { TaskName } from './tasks';

export type FieldDType = 'uint8' | 'int32' | 'float32';

/** One field as a schema lists it; structurally a core `FieldSpec`, narrowed to one name, dtype and shape. */
export interface FieldContract<N extends string, D extends FieldDType, S extends readonly number[]> {
  readonly name: N;
  readonly dtype: D;
  readonly shape: S;
  readonly description?: string;
}

/** Relative position: `patches` [2, P, P, 3] (0 = centre, 1 = neighbour); `label` [1] in 0..7 (TL, T, TR, L, R, BL, B, BR). */
export type RelativePositionFields = readonly [
  FieldContract<'patches', 'uint8', readonly [2, number, number, 3]>,
  FieldContract<'label', 'int32', readonly [1]>,
];

/**
 * Colorization: `input` [S, S, 1] (Lab L scaled to 0..255); `ab_bins` [h, w, k] (nearest a/b bins);
 * `ab_weights` [h, w, k] (soft-encoding weights, sum 1 per pixel); `sample_weight` [1].
 */
export type ColorizationFields = readonly [
  FieldContract<'input', 'uint8', readonly [number, number, 1]>,
  FieldContract<'ab_bins', 'int32', readonly [number, number, number]>,
  FieldContract<'ab_weights', 'float32', readonly [number, number, number]>,
  FieldContract<'sample_weight', 'float32', readonly [1]>,
];

/** Exemplar: `views` [3, P, P, 3] (anchor, positive: same seed, negative: another seed); `seed_ids` [2]. */
export type ExemplarFields = readonly [
  FieldContract<'views', 'uint8', readonly [3, number, number, 3]>,
  FieldContract<'seed_ids', 'int32', readonly [2]>,
];

/** Motion: `frame` [H, W, 3]; `mask` [H, W] (1 = will move). */
export type MotionFields = readonly [
  FieldContract<'frame', 'uint8', readonly [number, number, 3]>,
  FieldContract<'mask', 'uint8', readonly [number, number]>,
];

/** Each task's fields, in schema order. */
export interface SampleFields {
  readonly 'relative-position': RelativePositionFields;
  readonly colorization: ColorizationFields;
  readonly exemplar: ExemplarFields;
  readonly motion: MotionFields;
}

export type SampleFieldName<T extends TaskName> = SampleFields[T][number]['name'];

/** One field of a task's contract, by name (`SampleField<'motion', 'mask'>['shape']` is `readonly [number, number]`). */
export type SampleField<T extends TaskName, N extends SampleFieldName<T>> = Extract<SampleFields[T][number], { readonly name: N }>;

/** A task's fields by name (field name -> dtype and shape), for readers that look fields up by name. */
export type SampleFieldMap<T extends TaskName> = {
  readonly [F in SampleFields[T][number] as F['name']]: { readonly dtype: F['dtype']; readonly shape: F['shape'] };
};

// Attributes are type aliases, not interfaces, so that they stay assignable to a schema's attribute record.

/** Written by the relative-position stream; readers of older datasets treat each as possibly absent. */
export type RelativePositionAttributes = {
  readonly patchSize: number;
  readonly harmonized: boolean;
  readonly gap: number;
  readonly jitter: number;
  /** One of the stream's CHROMA_GUARDS. */
  readonly chromaGuard: string;
};

export type ColorizationAttributes = {
  readonly inputSize: number;
  /** h = w of ab_bins and ab_weights. */
  readonly targetSize: number;
  readonly numBins: number;
  readonly softK: number;
  readonly softSigma: number;
  readonly binMargin: number;
};

export type ExemplarAttributes = {
  readonly patchSize: number;
  readonly harmonized: boolean;
  readonly resizeTo: number;
  readonly seedsPerImage: number;
  readonly augmentStrength: number;
};

export type MotionAttributes = {
  readonly height: number;
  readonly width: number;
  readonly harmonized: boolean;
};

/** Whether a task's samples record a `harmonized` attribute, i.e. its stream has a harmonized variant. */
type HasHarmonized<T extends TaskName> = 'harmonized' extends keyof SampleAttributes[T] ? true : false;

/**
 * The tasks whose stream has a `harmonize` option (input harmonization, the paper's section 3.2):
 * colorization's input is L by construction. Typed from the attributes, so the two cannot disagree.
 */
export const HARMONIZABLE: { readonly [T in TaskName]: HasHarmonized<T> } = Object.freeze({
  'relative-position': true,
  colorization: false,
  exemplar: true,
  motion: true,
} as const);

export interface SampleAttributes {
  readonly 'relative-position': RelativePositionAttributes;
  readonly colorization: ColorizationAttributes;
  readonly exemplar: ExemplarAttributes;
  readonly motion: MotionAttributes;
}

/**
 * Each task's schema version, bumped when the meaning of a field changes so that old shards are not
 * misread; a stream's schema() must state exactly this version.
 */
export const SAMPLE_SCHEMA_VERSION = Object.freeze({ 'relative-position': 1, colorization: 1, exemplar: 1, motion: 1 } as const);

/** What a task's stream declares: structurally a core `SampleSchema`, with this task's fields and attributes. */
export type SampleSchemaOf<T extends TaskName> = {
  readonly task: T;
  readonly version: (typeof SAMPLE_SCHEMA_VERSION)[T];
  readonly fields: SampleFields[T];
  readonly attributes: SampleAttributes[T];
};

/**
 * What colorization's finalize pass stores as dataset extras (the trainer's loss reads `rebalance`).
 * A type alias so that it is assignable to a stream's finalize record.
 */
export type ColorizationExtras = {
  /** Class-rebalancing weight per a/b bin (313 with the default bins). */
  readonly rebalance: number[];
  /** [a, b] per bin, in bin order. */
  readonly binCenters: Array<[number, number]>;
  /** Soft-encoded mass per bin (times sample_weight) over all target pixels. */
  readonly binHistogram: number[];
};
