import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { blendMask, drawArrow, drawLine, writeContactSheet, SheetTile } from './contact-sheet';

function solid(width: number, height: number, channels: 1 | 3, value: readonly number[], caption?: string): SheetTile {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = value[i % channels];
  return { data, width, height, channels, caption };
}

describe('writeContactSheet', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'sheet-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lays tiles out in rows and writes a PNG atomically', async () => {
    const file = path.join(dir, 'sheet.png');
    const rows = [[solid(8, 6, 3, [200, 10, 10]), solid(4, 4, 1, [90])], [solid(5, 5, 3, [10, 200, 10])]];
    await writeContactSheet(file, rows, { gap: 2, background: [0, 0, 64], scale: 2 });
    const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
    // width: 2 + 16 + 2 + 8 + 2; height: 2 + 12 + 2 + 10 + 2
    expect([info.width, info.height]).toEqual([30, 28]);
    const px = (x: number, y: number): number[] => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    const near = (a: number[], b: number[]): void => a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(2));
    near(px(2, 2), [200, 10, 10]);
    near(px(17, 13), [200, 10, 10]);
    near(px(20, 2), [90, 90, 90]); // grey tile at x = 2 + 16 + 2
    near(px(2, 16), [10, 200, 10]); // second row at y = 2 + 12 + 2
    near(px(0, 0), [0, 0, 64]);
    expect(readdirSync(dir)).toEqual(['sheet.png']);
  });

  it('adds room for captions and a title', async () => {
    const file = path.join(dir, 'captions.png');
    await writeContactSheet(file, [[solid(10, 10, 1, [255], 'a <caption> & more')]], { gap: 1, title: 'title' });
    const meta = await sharp(file).metadata();
    expect(meta.width).toBe(12);
    expect(meta.height).toBe(1 + 15 + 10 + 14 + 1);
  });

  describe('invalid parameters', () => {
    it('rejects bad tiles and options', async () => {
      const file = path.join(dir, 'x.png');
      await expect(writeContactSheet(file, [[{ data: new Uint8Array(3), width: 2, height: 2, channels: 3 }]])).rejects.toThrow(
        'rows[0][0].data must have 12 bytes, got 3',
      );
      await expect(writeContactSheet(file, [[solid(2, 2, 1, [0])]], { scale: 0 })).rejects.toThrow('scale must be a positive integer, got 0');
      await expect(writeContactSheet(file, [[solid(2, 2, 1, [0])]], { gap: -1 })).rejects.toThrow('gap must be a non-negative integer, got -1');
      await expect(writeContactSheet(file, [[solid(2, 2, 1, [0])]], { background: [0, 0, 300] })).rejects.toThrow('background must be three integers');
    });
  });
});

describe('drawing helpers', () => {
  it('draws lines and arrows, clipped', () => {
    const tile = solid(10, 10, 3, [0, 0, 0]);
    drawLine(tile, 0, 0, 9, 9, [255, 0, 0]);
    for (let i = 0; i < 10; i++) expect(tile.data[(i * 10 + i) * 3]).toBe(255);
    drawArrow(tile, 0, 5, 20, 5, [0, 255, 0]);
    expect(tile.data[(5 * 10 + 9) * 3 + 1]).toBe(255);
  });

  it('blends a mask', () => {
    const tile = solid(2, 1, 3, [100, 100, 100]);
    blendMask(tile, Uint8Array.from([1, 0]), [200, 0, 0], 0.5);
    expect(Array.from(tile.data)).toEqual([150, 50, 50, 100, 100, 100]);
    expect(() => blendMask(tile, new Uint8Array(3), [0, 0, 0], 0.5)).toThrow('mask must have 2 elements, got 3');
    expect(() => blendMask(tile, new Uint8Array(2), [0, 0, 0], 2)).toThrow('alpha must be a number in [0, 1], got 2');
  });
});
