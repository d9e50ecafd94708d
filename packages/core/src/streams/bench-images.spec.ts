import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { benchImages, imageManifest, listJpegs } from './bench-images';

describe('benchImages', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'bench-images-'));
    for (const cls of ['b', 'a']) {
      mkdirSync(join(root, cls));
      for (const f of ['3.jpg', '1.JPEG', '2.jpg', 'notes.txt']) writeFileSync(join(root, cls, f), 'x');
    }
    writeFileSync(join(root, 'LICENSE.txt'), 'x');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists JPEGs depth first in name order, capped per folder', () => {
    expect(listJpegs(root).map((f) => f.slice(root.length + 1))).toEqual(['a/1.JPEG', 'a/2.jpg', 'a/3.jpg', 'b/1.JPEG', 'b/2.jpg', 'b/3.jpg']);
    expect(listJpegs(root, 2).map((f) => f.slice(root.length + 1))).toEqual(['a/1.JPEG', 'a/2.jpg', 'b/1.JPEG', 'b/2.jpg']);
  });

  it('uses the folder when present and generates images otherwise', async () => {
    const fill = (raw: Buffer, i: number) => raw.fill(i * 40);
    const real = await benchImages({ dir: root, perFolder: 1, generate: { count: 2, width: 8, height: 6, fill } });
    expect(real.generated).toBe(false);
    expect(real.files).toHaveLength(2);
    const made = await benchImages({ dir: join(root, 'missing'), generate: { count: 2, width: 8, height: 6, fill } });
    expect(made.generated).toBe(true);
    const meta = await sharp(made.files[1] as string).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 8, 6]);
    made.dispose();
    expect(imageManifest(made.files).images).toEqual(made.files.map((path) => ({ path, split: 'train' })));
  });
});
