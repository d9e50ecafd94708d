import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestFromFolder } from './manifest-from-folder';

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'mtssl-mff-'));
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), 'x');
  }
  return root;
}

describe('manifestFromFolder', () => {
  it('labels by subfolder when images sit in class folders, with relative paths', async () => {
    const root = tree(['My Photos/cats/a.jpg', 'My Photos/dogs/b.jpg', 'My Photos/clips/c.mp4']);
    const out = join(root, 'manifests', 'm.json');
    const m = await manifestFromFolder(join(root, 'My Photos'), out);
    expect(m.name).toBe('my-photos');
    expect(m.labels).toEqual(['cats', 'dogs']);
    expect(m.videos).toHaveLength(1);
    const spec = JSON.parse(readFileSync(out, 'utf8'));
    expect(spec.images[0].folder).toBe('../My Photos');
  });

  it('leaves images unlabelled when they sit directly in the folder', async () => {
    const root = tree(['a.png', 'b.png']);
    const m = await manifestFromFolder(root, join(root, 'm.json'), { name: 'flat' });
    expect(m.labels).toEqual([]);
    expect(m.images.every((i) => i.split === 'train')).toBe(true);
  });

  it('refuses a folder with no media, or no folder', async () => {
    const root = tree(['notes.txt']);
    await expect(manifestFromFolder(root, join(root, 'm.json'))).rejects.toThrow('contains no image or video files');
    await expect(manifestFromFolder(join(root, 'nope'), join(root, 'm.json'))).rejects.toThrow('not a folder');
  });
});
