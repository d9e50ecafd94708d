import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadPixelSet, perClassIndices, splitPerClass, subsetPixels } from './pixel-set';

async function solid(file: string, rgb: [number, number, number], size = 12): Promise<string> {
  await sharp({ create: { width: size, height: size + 4, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toFile(file);
  return file;
}

describe('loadPixelSet', () => {
  it('decodes to the side asked for, caches, and decodes again when the file list changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mtssl-pixels-'));
    const a = await solid(join(dir, 'a.png'), [250, 0, 0]);
    const b = await solid(join(dir, 'b.png'), [0, 0, 250]);
    const cache = join(dir, 'cache', 'set.bin');
    const first = await loadPixelSet([a, b], Int32Array.from([0, 1]), 8, cache);
    expect(first.count).toBe(2);
    expect(first.pixels.length).toBe(2 * 8 * 8 * 3);
    expect(Math.abs((first.pixels[0] as number) - 250)).toBeLessThanOrEqual(2);
    expect(Math.abs((first.pixels[8 * 8 * 3 + 2] as number) - 250)).toBeLessThanOrEqual(2);
    const again = await loadPixelSet([a, b], Int32Array.from([0, 1]), 8, cache);
    expect(Array.from(again.pixels)).toEqual(Array.from(first.pixels));
    const swapped = await loadPixelSet([b, a], Int32Array.from([1, 0]), 8, cache);
    expect(Math.abs((swapped.pixels[2] as number) - 250)).toBeLessThanOrEqual(2);
  });

  it('names a file it cannot decode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mtssl-pixels-'));
    const bad = join(dir, 'bad.jpg');
    writeFileSync(bad, 'not an image');
    await expect(loadPixelSet([bad], Int32Array.from([0]), 8)).rejects.toThrow(`${bad}: cannot decode image`);
  });

  it('rejects invalid parameters', async () => {
    await expect(loadPixelSet(['x'], Int32Array.from([0, 1]), 8)).rejects.toThrow('1 files but 2 labels');
    await expect(loadPixelSet([], new Int32Array(0), 0)).rejects.toThrow('size must be a positive integer, got 0');
  });
});

describe('splitPerClass and subsetPixels', () => {
  const set = { pixels: Uint8Array.from({ length: 6 * 3 }, (_, i) => i), labels: Int32Array.from([0, 0, 0, 1, 1, 1]), size: 1, count: 6 };

  it('carves the same seeded items of each class every time, without overlap', () => {
    const { rest, part } = splitPerClass(set, 1, 0, 'v');
    expect(part.count).toBe(2);
    expect(Array.from(part.labels).sort()).toEqual([0, 1]);
    expect(rest.count).toBe(4);
    const ids = (s: typeof set) => Array.from({ length: s.count }, (_, i) => s.pixels[i * 3]);
    expect(new Set([...ids(rest), ...ids(part)]).size).toBe(6);
    expect(ids(splitPerClass(set, 1, 0, 'v').part)).toEqual(ids(part));
  });

  it('rejects invalid parameters', () => {
    expect(() => splitPerClass(set, -1, 0, 'v')).toThrow('perClass must be a non-negative integer, got -1');
    expect(() => subsetPixels(set, [6])).toThrow('subsetPixels: index 6 outside 0..5');
  });
});

describe('perClassIndices', () => {
  it('takes the same seeded items of each class every time, all of a small class', () => {
    const labels = Int32Array.from([0, 1, 0, 1, 0, 2, 0, 1]);
    const a = perClassIndices(labels, 2, 0, 'k');
    expect(a).toEqual(perClassIndices(labels, 2, 0, 'k'));
    expect(a.filter((i) => labels[i] === 0)).toHaveLength(2);
    expect(a.filter((i) => labels[i] === 1)).toHaveLength(2);
    expect(a.filter((i) => labels[i] === 2)).toEqual([5]);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
  });
});
