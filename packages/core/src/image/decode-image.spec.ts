import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { BadImage } from './bad-image';
import { decodeCacheStats, decodeImage, decodeImageFull, DecodeLimits, isUnknownError, setDecodeCacheBytes } from './decode-image';

const limits: DecodeLimits = { shortSide: 48, minSourceSide: 32, minSourceWhy: '32 px for the test' };

async function noiseJpeg(file: string, width: number, height: number, seed: number, channels: 1 | 3 = 3): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * channels);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 31 + seed * 97 + ((i / channels) % width) * 2) & 255;
  const jpg = await sharp(raw, { raw: { width, height, channels } }).jpeg({ quality: 85 }).toBuffer();
  writeFileSync(file, jpg);
  return jpg;
}

describe('decodeImage', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'decode-image-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resizes to the short side, keeping the aspect, as 3-channel RGB', async () => {
    const file = join(dir, 'wide.jpg');
    await noiseJpeg(file, 120, 80, 1);
    const image = await decodeImage(file, limits);
    expect([image.width, image.height]).toEqual([72, 48]);
    expect(image.data.length).toBe(72 * 48 * 3);
  });

  it('replicates a grey image to 3 channels', async () => {
    const file = join(dir, 'grey.jpg');
    await noiseJpeg(file, 64, 64, 2, 1);
    const image = await decodeImage(file, limits);
    expect(image.data.length).toBe(48 * 48 * 3);
    for (let p = 0; p < 48 * 48; p += 97) {
      expect(image.data[p * 3 + 1]).toBe(image.data[p * 3]);
      expect(image.data[p * 3 + 2]).toBe(image.data[p * 3]);
    }
  });

  it('applies EXIF orientation before measuring', async () => {
    const file = join(dir, 'rotated.jpg');
    const raw = Buffer.alloc(96 * 64 * 3, 128);
    await sharp(raw, { raw: { width: 96, height: 64, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toFile(file);
    const image = await decodeImage(file, limits);
    expect([image.width, image.height]).toEqual([48, 72]);
  });

  it('decodeImageFull keeps the size (after EXIF orientation) and checks the short side', async () => {
    const file = join(dir, 'full.png');
    await sharp(Buffer.alloc(70 * 40 * 3, 99), { raw: { width: 70, height: 40, channels: 3 } }).png().toFile(file);
    const image = await decodeImageFull(file, { minSourceSide: 32, minSourceWhy: 'minImageSize 32' });
    expect([image.width, image.height, image.data.length]).toEqual([70, 40, 70 * 40 * 3]);
    const rotated = join(dir, 'full-rotated.jpg');
    await sharp(Buffer.alloc(96 * 64 * 3, 128), { raw: { width: 96, height: 64, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toFile(rotated);
    const turned = await decodeImageFull(rotated, { minSourceSide: 32, minSourceWhy: 'x' });
    expect([turned.width, turned.height]).toEqual([64, 96]);
    await expect(decodeImageFull(file, { minSourceSide: 41, minSourceWhy: 'minImageSize 41' })).rejects.toThrow('too small: 70x40 < minImageSize 41');
  });

  it('keeps decoded pixels for the same file and size once given a budget, and only then', async () => {
    const file = join(dir, 'cached.jpg');
    await noiseJpeg(file, 64, 64, 5);
    const before = decodeCacheStats();
    const uncached = await decodeImage(file, limits);
    expect(decodeCacheStats().entries).toBe(0);
    setDecodeCacheBytes(2 ** 20);
    try {
      const first = await decodeImage(file, limits);
      const again = await decodeImage(file, limits);
      const full = await decodeImageFull(file, { minSourceSide: 32, minSourceWhy: '32 px' });
      expect(Buffer.from(again.data).equals(Buffer.from(uncached.data))).toBe(true);
      expect(again).toBe(first);
      expect([full.width, full.height]).toEqual([64, 64]); // another size, another entry
      const stats = decodeCacheStats();
      expect(stats.hits - before.hits).toBe(1);
      expect(stats.entries).toBe(2);
    } finally {
      setDecodeCacheBytes(0);
    }
    expect(decodeCacheStats().entries).toBe(0);
  });

  describe('bad input', () => {
    async function reason(file: string): Promise<string> {
      const err: unknown = await decodeImage(file, limits).then(
        () => new Error('decoded'),
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BadImage);
      return (err as BadImage).message;
    }

    it('names each way a file can be unusable', async () => {
      const jpg = await noiseJpeg(join(dir, 'source.jpg'), 80, 64, 9);
      const files = {
        empty: join(dir, 'empty.jpg'),
        truncated: join(dir, 'truncated.jpg'),
        corrupt: join(dir, 'corrupt.jpg'),
        text: join(dir, 'text.png'),
        small: join(dir, 'small.jpg'),
      };
      writeFileSync(files.empty, Buffer.alloc(0));
      writeFileSync(files.truncated, jpg.subarray(0, jpg.length >> 1));
      writeFileSync(files.corrupt, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(400, 0x5a)]));
      writeFileSync(files.text, 'this is not an image\n');
      await noiseJpeg(files.small, 40, 30, 1);
      expect(await reason(files.empty)).toBe('empty file: 0 bytes');
      expect(await reason(files.truncated)).toMatch(/^truncated image: /);
      expect(await reason(files.corrupt)).toMatch(/^corrupt image: /);
      expect(await reason(files.text)).toMatch(/^not an image: /);
      expect(await reason(files.small)).toBe('too small: 40x30 < 32 px for the test');
    });

    it('skips a dangling link, a missing file, a folder and a FIFO named like images without reading them', async () => {
      const link = join(dir, 'dangling.jpg');
      symlinkSync(join(dir, 'gone.jpg'), link);
      mkdirSync(join(dir, 'folder.jpg'));
      const fifo = join(dir, 'pipe.jpg');
      execFileSync('mkfifo', [fifo]);
      expect(await reason(link)).toBe('unreadable: no such file (or a dangling link)');
      expect(await reason(join(dir, 'missing.jpg'))).toBe('unreadable: no such file (or a dangling link)');
      expect(await reason(join(dir, 'folder.jpg'))).toBe('not a regular file (a directory)');
      expect(await reason(fifo)).toBe('not a regular file (a FIFO)');
    });
  });
});

describe('isUnknownError', () => {
  it("recognises libvips' message for an emptied error buffer, and nothing else", () => {
    expect(isUnknownError(new Error('Unknown error'))).toBe(true);
    expect(isUnknownError(new Error('VipsJpeg: Premature end of input file'))).toBe(false);
    expect(isUnknownError('unknown error\nmore')).toBe(true);
  });
});
