import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
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

  it('passes by a dangling link and a FIFO instead of crashing', async () => {
    const root = tree(['pics/cats/a.jpg', 'pics/dogs/b.jpg']);
    symlinkSync(join(root, 'gone.jpg'), join(root, 'pics', 'cats', 'dangling.jpg'));
    execFileSync('mkfifo', [join(root, 'pics', 'dogs', 'pipe.jpg')]);
    const m = await manifestFromFolder(join(root, 'pics'), join(root, 'm.json'));
    expect(m.labels).toEqual(['cats', 'dogs']);
    // the link is listed (the streams skip it as unreadable, counted and named); a FIFO is never listed
    expect(m.images.map((i) => i.path.split('/').slice(-2).join('/')).sort()).toEqual(['cats/a.jpg', 'cats/dangling.jpg', 'dogs/b.jpg']);
  });

  it('refuses a folder with no media, or no folder', async () => {
    const root = tree(['notes.txt']);
    await expect(manifestFromFolder(root, join(root, 'm.json'))).rejects.toThrow('contains no image or video files');
    await expect(manifestFromFolder(join(root, 'nope'), join(root, 'm.json'))).rejects.toThrow('not a folder');
  });
});
