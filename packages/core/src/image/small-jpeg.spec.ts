import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeImage } from './decode-image';
import { readJpegHeader } from './jpeg-header';
import { decodeSmallJpeg, isSmallPlainJpeg, SMALL_JPEG_MAX_PIXELS } from './small-jpeg';

function photoPixels(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      data[o] = 60 + Math.round(120 * (x / width));
      data[o + 1] = 80 + Math.round(90 * Math.sin(y / 3));
      data[o + 2] = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (width * width) / 9 ? 210 : 50;
    }
  }
  return data;
}

const jpeg = (width: number, height: number, options: sharp.JpegOptions = {}) =>
  sharp(photoPixels(width, height), { raw: { width, height, channels: 3 } }).jpeg({ quality: 90, ...options });

async function libvipsPixels(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer();
}

function meanAndMax(a: Uint8Array, b: Uint8Array): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    sum += d;
    max = Math.max(max, d);
  }
  return { mean: sum / a.length, max };
}

describe('decodeSmallJpeg', () => {
  it("gives libjpeg's pixels within 3 grey levels: 4:4:4, 4:2:0 (its fancy chroma upsampling), odd sizes, progressive", async () => {
    const full = await jpeg(32, 32, { chromaSubsampling: '4:4:4' }).toBuffer();
    const ours = decodeSmallJpeg(full);
    expect(ours && [ours.width, ours.height]).toEqual([32, 32]);
    expect(meanAndMax(ours?.data ?? new Uint8Array(), await libvipsPixels(full)).max).toBeLessThanOrEqual(3);
    const subsampled = await jpeg(32, 24).toBuffer();
    const d = meanAndMax(decodeSmallJpeg(subsampled)?.data ?? new Uint8Array(), await libvipsPixels(subsampled));
    expect(d.max).toBeLessThanOrEqual(3);
    expect(d.mean).toBeLessThan(0.5);
    const progressive = await jpeg(25, 23, { progressive: true }).toBuffer();
    expect(meanAndMax(decodeSmallJpeg(progressive)?.data ?? new Uint8Array(), await libvipsPixels(progressive)).max).toBeLessThanOrEqual(3);
  });

  it('leaves to libvips what it does not handle exactly: large, grey, rotated, colour-managed, 4:2:2, 12-bit, truncated', async () => {
    const side = Math.floor(Math.sqrt(SMALL_JPEG_MAX_PIXELS)) + 1;
    const cases = {
      large: await jpeg(side, side).toBuffer(),
      grey: await sharp(Buffer.alloc(16 * 16, 90), { raw: { width: 16, height: 16, channels: 1 } }).toColourspace('b-w').jpeg().toBuffer(),
      rotated: await jpeg(16, 16).withMetadata({ orientation: 6 }).toBuffer(),
      icc: await jpeg(16, 16).withIccProfile('p3').toBuffer(),
      cmyk: await sharp(photoPixels(16, 16), { raw: { width: 16, height: 16, channels: 3 } }).toColourspace('cmyk').jpeg().toBuffer(),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      expect([name, isSmallPlainJpeg(readJpegHeader(bytes))]).toEqual([name, false]);
      expect([name, decodeSmallJpeg(bytes)]).toEqual([name, null]);
    }
    const whole = await jpeg(16, 16).toBuffer();
    expect(decodeSmallJpeg(whole)).not.toBeNull();
    const h2v1 = Buffer.from(whole); // 4:2:2 (sharp cannot write it): luma sampled 2x1
    h2v1[h2v1.indexOf(Buffer.from([0xff, 0xc0])) + 11] = 0x21;
    expect(readJpegHeader(h2v1)?.sampling).toBe('2x1,1x1,1x1');
    expect(decodeSmallJpeg(h2v1)).toBeNull();
    const twelveBit = Buffer.from(whole); // 12-bit samples (sharp cannot write them)
    twelveBit[twelveBit.indexOf(Buffer.from([0xff, 0xc0])) + 4] = 12;
    expect(readJpegHeader(twelveBit)?.precision).toBe(12);
    expect(decodeSmallJpeg(twelveBit)).toBeNull();
    expect(decodeSmallJpeg(whole.subarray(0, whole.length - 40))).toBeNull();
    // a damaged scan with its end marker intact: jpeg-js throws or returns, either way nothing breaks
    const damaged = Buffer.from(whole);
    damaged.fill(0xff, damaged.length - 60, damaged.length - 30);
    expect(() => decodeSmallJpeg(damaged)).not.toThrow();
  });
});

describe('decodeImage on small JPEGs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'small-jpeg-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives what libvips gives for a CIFAR-sized image enlarged three times, within a few grey levels', async () => {
    const file = join(dir, 'cifar.jpg');
    writeFileSync(file, await jpeg(32, 32).toBuffer());
    const ours = await decodeImage(file, { shortSide: 96, minSourceSide: 16, minSourceWhy: '16 px' });
    expect([ours.width, ours.height]).toEqual([96, 96]);
    const theirs = await sharp(file).resize(96, 96, { fit: 'fill' }).raw().toBuffer();
    const d = meanAndMax(ours.data, theirs);
    expect(d.max).toBeLessThanOrEqual(4);
    expect(d.mean).toBeLessThan(0.5);
  });

  it('still names a truncated small JPEG as truncated (libvips decides)', async () => {
    const file = join(dir, 'cut.jpg');
    const bytes = await jpeg(32, 32).toBuffer();
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    await expect(decodeImage(file, { shortSide: 32, minSourceSide: 16, minSourceWhy: '16 px' })).rejects.toThrow(/^truncated image: /);
  });

  it('rejects a small JPEG below the minimum side before decoding it', async () => {
    const file = join(dir, 'tiny.jpg');
    writeFileSync(file, await jpeg(12, 10).toBuffer());
    await expect(decodeImage(file, { shortSide: 32, minSourceSide: 16, minSourceWhy: '16 px for the test' })).rejects.toThrow('too small: 12x10 < 16 px for the test');
  });
});
