// Input images for the bench scripts: a folder of real JPEGs when present, else generated ones, so
// figures on a machine without the data set still run.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ResolvedManifest } from '../manifest';

export interface GeneratedImages {
  readonly count: number;
  readonly width: number;
  readonly height: number;
  /** Fills image i's raw RGB bytes (HWC). */
  readonly fill: (raw: Buffer, i: number) => void;
}

export interface BenchImagesSpec {
  /** Folder searched recursively for JPEGs (sorted by name); generated images when it is missing. */
  readonly dir: string;
  /** At most this many JPEGs from each folder (all when absent). */
  readonly perFolder?: number;
  readonly generate: GeneratedImages;
}

export interface BenchImages {
  readonly files: readonly string[];
  /** False when the files came from spec.dir. */
  readonly generated: boolean;
  /** Deletes generated files; a no-op for real data. */
  dispose(): void;
}

/** Every JPEG under dir, depth first, names sorted; perFolder caps each folder's own files. */
export function listJpegs(dir: string, perFolder = Infinity): string[] {
  const out: string[] = [];
  let own = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJpegs(full, perFolder));
    else if (/\.jpe?g$/i.test(entry.name) && own++ < perFolder) out.push(full);
  }
  return out;
}

export async function benchImages(spec: BenchImagesSpec): Promise<BenchImages> {
  if (existsSync(spec.dir)) return { files: listJpegs(spec.dir, spec.perFolder), generated: false, dispose: () => undefined };
  const { count, width, height, fill } = spec.generate;
  const dir = mkdtempSync(join(tmpdir(), 'mtssl-bench-'));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const raw = Buffer.alloc(width * height * 3);
    fill(raw, i);
    const file = join(dir, `img${i}.jpg`);
    await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg().toFile(file);
    files.push(file);
  }
  return { files, generated: true, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A manifest of images only, all in the train split. */
export function imageManifest(files: readonly string[], name = 'bench'): ResolvedManifest {
  return { name, file: `/${name}`, images: files.map((path) => ({ path, split: 'train' })), videos: [], labels: [] };
}
