import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadImage } from './bad-image';
import { readImageBytes } from './image-bytes';

describe('readImageBytes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'image-bytes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function reason(file: string): Promise<string> {
    const err = await readImageBytes(file).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(BadImage);
    return (err as BadImage).message;
  }

  it('returns the whole file', async () => {
    const file = join(dir, 'a.bin');
    const bytes = Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7) & 255));
    writeFileSync(file, bytes);
    expect(Buffer.compare(await readImageBytes(file), bytes)).toBe(0);
  });

  describe('invalid inputs', () => {
    it('names each kind of file that is not an image file, without blocking on a FIFO', async () => {
      writeFileSync(join(dir, 'empty.jpg'), '');
      mkdirSync(join(dir, 'folder.jpg'));
      const fifo = join(dir, 'pipe.jpg');
      execFileSync('mkfifo', [fifo]);
      symlinkSync(join(dir, 'gone.jpg'), join(dir, 'dangling.jpg'));
      expect(await reason(join(dir, 'empty.jpg'))).toBe('empty file: 0 bytes');
      expect(await reason(join(dir, 'folder.jpg'))).toBe('not a regular file (a directory)');
      expect(await reason(fifo)).toBe('not a regular file (a FIFO)');
      expect(await reason(join(dir, 'dangling.jpg'))).toBe('unreadable: no such file (or a dangling link)');
      expect(await reason(join(dir, 'missing.jpg'))).toBe('unreadable: no such file (or a dangling link)');
    });

    it('names a file it may not read (when not running as root)', async () => {
      const file = join(dir, 'secret.jpg');
      writeFileSync(file, 'x');
      chmodSync(file, 0o000);
      const root = process.getuid?.() === 0;
      if (root) await expect(readImageBytes(file)).resolves.toHaveLength(1);
      else expect(await reason(file)).toMatch(/^unreadable: EACCES/);
    });
  });
});
