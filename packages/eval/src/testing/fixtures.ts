// Test fixtures: a tiny labelled image folder (one hue per class plus seeded noise) and its manifest.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { Rng } from '@mtssl/core';

const HUES: ReadonlyArray<readonly [number, number, number]> = [
  [200, 40, 40],
  [40, 180, 60],
  [50, 60, 210],
];

async function writeImage(file: string, rgb: readonly [number, number, number], rng: Rng, w: number, h: number): Promise<void> {
  const data = Buffer.alloc(w * h * 3);
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.max(0, Math.min(255, Math.round((rgb[i % 3] as number) + rng.normal(0, 25))));
  }
  await sharp(data, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).toFile(file);
}

/** Writes `perClass` JPEGs for each of 3 classes under root/images/<class>/ and root/manifest.json. */
export async function writeLabelledFixture(root: string, perClass: number): Promise<string> {
  const rng = Rng.from(11, 'fixture');
  for (const [c, rgb] of HUES.entries()) {
    const dir = join(root, 'images', `class${c}`);
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < perClass; i++) await writeImage(join(dir, `${i}.jpg`), rgb, rng, 40 + (i % 3) * 8, 32);
  }
  const manifest = join(root, 'manifest.json');
  const spec = { version: 1, name: 'fixture', images: [{ folder: 'images', labels: 'subfolders' }], split: { test: 0.25, seed: 3 } };
  await writeFile(manifest, JSON.stringify(spec));
  return manifest;
}
