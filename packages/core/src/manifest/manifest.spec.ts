import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest, ManifestError, parseManifest } from './manifest';

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'mtssl-manifest-'));
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), 'x');
  }
  return root;
}

function writeManifest(dir: string, body: unknown): string {
  const file = join(dir, 'm.json');
  writeFileSync(file, JSON.stringify(body));
  return file;
}

describe('parseManifest', () => {
  it('names the file, the field and the problem', () => {
    const bad = { version: 1, name: 'Bad Name', images: [{ folder: 'x', labels: 'folders' }] };
    let message = '';
    try {
      parseManifest(bad, '/m/x.json');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('/m/x.json: invalid manifest');
    expect(message).toContain('name:');
    expect(message).toMatch(/images\[0\]/);
  });

  it('rejects a manifest with no media and unknown fields', () => {
    expect(() => parseManifest({ version: 1, name: 'a' }, 'f.json')).toThrow('lists no images and no videos');
    expect(() => parseManifest({ version: 1, name: 'a', images: [{ file: 'a.jpg' }], extra: 1 }, 'f.json')).toThrow(
      ManifestError,
    );
    expect(() => parseManifest({ version: 2, name: 'a', images: [{ file: 'a.jpg' }] }, 'f.json')).toThrow('version');
  });
});

describe('loadManifest', () => {
  it('lists files, labels from subfolders, resolves paths relative to the manifest', async () => {
    const root = tree(['data/cats/1.jpg', 'data/cats/2.JPG', 'data/dogs/1.png', 'data/dogs/notes.txt', 'vid/a.mp4']);
    const file = writeManifest(root, {
      version: 1,
      name: 'pets',
      images: [{ folder: 'data', labels: 'subfolders' }],
      videos: [{ file: 'vid/a.mp4' }],
    });
    const m = await loadManifest(file);
    expect(m.images.map((i) => [i.path.slice(root.length), i.label])).toEqual([
      ['/data/cats/1.jpg', 'cats'],
      ['/data/cats/2.JPG', 'cats'],
      ['/data/dogs/1.png', 'dogs'],
    ]);
    expect(m.labels).toEqual(['cats', 'dogs']);
    expect(m.videos.map((v) => v.path)).toEqual([join(root, 'vid/a.mp4')]);
  });

  it('splits each class with a fixed seed, the same on every load', async () => {
    const files = Array.from({ length: 20 }, (_, i) => `c${i % 2}/${i}.jpg`);
    const root = tree(files);
    const file = writeManifest(root, {
      version: 1,
      name: 's',
      images: [{ folder: '.', labels: 'subfolders' }],
      split: { test: 0.3, seed: 4 },
    });
    const a = await loadManifest(file);
    const b = await loadManifest(file);
    expect(a.images.map((i) => i.split)).toEqual(b.images.map((i) => i.split));
    for (const label of ['c0', 'c1']) {
      expect(a.images.filter((i) => i.label === label && i.split === 'test')).toHaveLength(3);
    }
  });

  it('reports a missing folder or file by field and path', async () => {
    const root = tree([]);
    const file = writeManifest(root, { version: 1, name: 'x', images: [{ folder: 'nope' }] });
    await expect(loadManifest(file)).rejects.toThrow(`${file}: images[0].folder: nope is not a folder`);
    const file2 = writeManifest(root, { version: 1, name: 'x', videos: [{ file: 'v.mp4' }] });
    await expect(loadManifest(file2)).rejects.toThrow(`${file2}: videos[0].file: v.mp4 does not exist`);
    await expect(loadManifest(join(root, 'missing.json'))).rejects.toThrow('manifest not found');
  });

  it('names the field and the expected type of a bad source value, not just "Invalid input"', async () => {
    const root = tree([]);
    const file = writeManifest(root, { version: 1, name: 'x', videos: [{ folder: 'v', recursive: 'yes' }], images: [{ file: 3 }] });
    const error = (await loadManifest(file).catch((e: Error) => e)) as Error;
    expect(error.message).toContain(`${file}: invalid manifest`);
    expect(error.message).toContain('videos[0].recursive: Invalid input: expected boolean, received string');
    expect(error.message).toContain('images[0].file: Invalid input: expected string, received number');
  });

  it('lists a folder holding a dangling link, and takes a dangling link as "not a folder"', async () => {
    const root = tree(['imgs/a.jpg']);
    symlinkSync(join(root, 'gone.jpg'), join(root, 'imgs', 'dangling.jpg'));
    symlinkSync(join(root, 'gone-dir'), join(root, 'link-dir'));
    const ok = await loadManifest(writeManifest(root, { version: 1, name: 'x', images: [{ folder: 'imgs' }] }));
    // listed here; the streams skip it as unreadable, counted and named
    expect(ok.images.map((i) => i.path.split('/').pop()).sort()).toEqual(['a.jpg', 'dangling.jpg']);
    const bad = writeManifest(root, { version: 1, name: 'x', images: [{ folder: 'link-dir' }] });
    await expect(loadManifest(bad)).rejects.toThrow('images[0].folder: link-dir is not a folder');
  });

  it('reports invalid JSON with the file name', async () => {
    const root = tree([]);
    const file = join(root, 'bad.json');
    writeFileSync(file, '{ nope');
    await expect(loadManifest(file)).rejects.toThrow(`${file}: not valid JSON`);
  });

  it('runs a registered generator before listing, and fails clearly without one', async () => {
    const root = tree([]);
    const file = writeManifest(root, {
      version: 1,
      name: 'gen',
      generator: { name: 'demo', root: 'corpus' },
      images: [{ folder: 'corpus' }],
    });
    await expect(loadManifest(file)).rejects.toThrow('no generator "demo" is registered');
    const calls: string[] = [];
    const m = await loadManifest(file, {
      generators: {
        demo: async (dir) => {
          calls.push(dir);
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, 'a.png'), 'x');
        },
      },
    });
    expect(calls).toEqual([join(root, 'corpus')]);
    expect(m.images).toHaveLength(1);
  });
});
