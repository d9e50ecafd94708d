// What `evaluate` reads from the run it evaluates: the image side it trained on and the preview sheets
// of the shards it trained on.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readRunConfig } from '@mtssl/trainer';
import { PRESET_INPUT_SIZE } from '@mtssl/contracts';

/** The image side the run was trained on, from its checkpoint's preset (64 when the run does not say). */
export async function runInputSize(runDir: string, log: (line: string) => void): Promise<number> {
  const preset = (await readRunConfig(runDir))?.preset;
  const size = preset !== undefined && preset in PRESET_INPUT_SIZE ? PRESET_INPUT_SIZE[preset as keyof typeof PRESET_INPUT_SIZE] : undefined;
  log(size === undefined ? 'eval: input size 64 (the run names no preset; --input-size to change)' : `eval: input size ${size} (the run's ${String(preset)} preset)`);
  return size ?? 64;
}

/**
 * The preview sheets of the shards the run trained on (preprocess writes `<shards>/previews/<dataset>.png`
 * beside each dataset folder the run's state records), plus any PNG in `<run>/previews`.
 */
export async function defaultPreviews(runDir: string): Promise<string[]> {
  const datasets = Object.values((await readRunConfig(runDir))?.datasets ?? {}).filter((d) => d.startsWith('/'));
  const fromShards = datasets.map((d) => join(dirname(d), 'previews', `${basename(d)}.png`));
  const own = join(runDir, 'previews');
  const extra = existsSync(own) ? readdirSync(own).filter((f) => f.endsWith('.png')).map((f) => join(own, f)) : [];
  return [...new Set([...fromShards, ...extra])].filter((f) => existsSync(f));
}

/** The PNGs of a previews folder the caller names. */
export function previewsIn(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith('.png')).map((f) => join(folder, f));
}
