// A labelled image set decoded once into uint8 pixels at the probe's input side, cached on disk as
// one file: probing many trunks on 50,000 small images should not decode 50,000 JPEGs each time.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OptionError, Rng, writeFileAtomic } from '@mtssl/core';
import { decodeSquareRgb, forEachConcurrently } from './image-load';

export interface PixelSet {
  /** NHWC uint8 RGB, [count, size, size, 3]. */
  readonly pixels: Uint8Array;
  readonly labels: Int32Array;
  readonly size: number;
  readonly count: number;
}

function cacheKey(files: readonly string[], size: number): string {
  const h = createHash('sha256');
  h.update(`pixel-set v1 ${size}\n`);
  for (const f of files) h.update(`${f}\n`);
  return h.digest('hex');
}

/** Decodes `files` (short side to `size`, centre crop); with `cacheFile`, reuses or writes the decoded set. */
export async function loadPixelSet(files: readonly string[], labels: Int32Array, size: number, cacheFile?: string): Promise<PixelSet> {
  if (files.length !== labels.length) throw new OptionError(`loadPixelSet: ${files.length} files but ${labels.length} labels`);
  if (!Number.isInteger(size) || size <= 0) throw new OptionError(`size must be a positive integer, got ${size}`);
  const key = cacheKey(files, size);
  const bytes = files.length * size * size * 3;
  if (cacheFile && existsSync(cacheFile)) {
    const buf = await readFile(cacheFile);
    // 64 hex characters of key, then the pixels: a stale or foreign file is decoded anew.
    if (buf.length === 64 + bytes && buf.subarray(0, 64).toString('latin1') === key) {
      return { pixels: new Uint8Array(buf.buffer, buf.byteOffset + 64, bytes), labels, size, count: files.length };
    }
  }
  const pixels = new Uint8Array(bytes);
  await forEachConcurrently(files.length, 4, async (i) => pixels.set(await decodeSquareRgb(files[i] as string, size), i * size * size * 3));
  if (cacheFile) {
    await mkdir(dirname(cacheFile), { recursive: true });
    await writeFileAtomic(cacheFile, Buffer.concat([Buffer.from(key, 'latin1'), Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length)]));
  }
  return { pixels, labels, size, count: files.length };
}

/** Items [start, start + n) as the trunk's input: NHWC floats in [-1, 1] (pixel / 127.5 - 1), as the trainer feeds it. */
export function pixelsAsInput(set: PixelSet, start: number, n: number): Float32Array {
  const per = set.size * set.size * 3;
  return Float32Array.from(set.pixels.subarray(start * per, (start + n) * per), (v) => v / 127.5 - 1);
}

/** The items at `indices`, copied into a new set. */
export function subsetPixels(set: PixelSet, indices: readonly number[]): PixelSet {
  const per = set.size * set.size * 3;
  const pixels = new Uint8Array(indices.length * per);
  const labels = new Int32Array(indices.length);
  indices.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= set.count) throw new RangeError(`subsetPixels: index ${i} outside 0..${set.count - 1}`);
    pixels.set(set.pixels.subarray(i * per, (i + 1) * per), k * per);
    labels[k] = set.labels[i] as number;
  });
  return { pixels, labels, size: set.size, count: indices.length };
}

/** Seeded indices of `perClass` items of each class (all of a class that has fewer), ascending. */
export function perClassIndices(labels: Int32Array, perClass: number, seed: number, key: string): number[] {
  if (!Number.isInteger(perClass) || perClass < 0) throw new OptionError(`perClass must be a non-negative integer, got ${perClass}`);
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => {
    const list = byClass.get(l);
    if (list) list.push(i);
    else byClass.set(l, [i]);
  });
  const out: number[] = [];
  for (const [label, indices] of [...byClass.entries()].sort((x, y) => x[0] - y[0])) out.push(...Rng.from(seed, key, label).shuffle(indices).slice(0, perClass));
  return out.sort((x, y) => x - y);
}

/**
 * A seeded per-class split of `set` into two parts, `perClass` items of each class in the second: a
 * validation part carved from a train split, or a smaller train subset for quick probes.
 */
export function splitPerClass(set: PixelSet, perClass: number, seed: number, key: string): { rest: PixelSet; part: PixelSet } {
  const part = perClassIndices(set.labels, perClass, seed, key);
  const inPart = new Set(part);
  const rest = Array.from({ length: set.count }, (_, i) => i).filter((i) => !inPart.has(i));
  return { rest: subsetPixels(set, rest), part: subsetPixels(set, part) };
}
