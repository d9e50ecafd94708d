// The size presets streams, trainer, eval and CLI all accept by name, and the image side each one trains
// at. Every stream and the probe have a setting for each name, so the list is shared, not restated.

export type PresetName = 'tiny' | 'small' | 'cpu' | 'paper';

/** Every preset name, in size order. (Typed as a plain readonly array: callers hand it to z.enum.) */
export const PRESET_NAMES: readonly PresetName[] = Object.freeze(['tiny', 'small', 'cpu', 'paper']);

/** Image side each preset's trunk is trained at (what the streams emit), and what a probe feeds it. */
export const PRESET_INPUT_SIZE: Readonly<Record<PresetName, number>> = Object.freeze({ tiny: 32, small: 32, cpu: 64, paper: 224 });
