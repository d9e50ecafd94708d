import sharp from 'sharp';
import type { RgbImage } from './rgb-image';
import { canResampleInJs, cropRgb, mirrorRgb, resizeRgb, resizeRgbRegion } from './resample';
import { resizedView, viewOf } from './image-view';

/** A smooth field with a few sharp edges, like a small photo. */
function photo(width: number, height: number, seed: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      data[o] = (x * 7 + y * 3 + seed * 11) & 255;
      data[o + 1] = x > width / 2 ? 200 : 40 + ((y * 5) & 63);
      data[o + 2] = Math.round(128 + 100 * Math.sin((x + seed) / 3) * Math.cos(y / 4));
    }
  }
  return { data, width, height };
}

async function libvipsResize(image: RgbImage, w: number, h: number): Promise<Uint8Array> {
  const raw = { width: image.width, height: image.height, channels: 3 as const };
  return new Uint8Array(await sharp(image.data, { raw }).resize(w, h, { fit: 'fill' }).raw().toBuffer());
}

function difference(a: Uint8Array, b: Uint8Array): { max: number; mean: number } {
  expect(a.length).toBe(b.length);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    max = Math.max(max, d);
    sum += d;
  }
  return { max, mean: sum / a.length };
}

describe('resizeRgb', () => {
  it.each([
    [32, 32, 96, 96],
    [32, 32, 40, 40],
    [30, 20, 45, 31],
    [20, 33, 20, 50],
    [40, 40, 24, 24],
    [48, 36, 30, 25],
  ])('%ix%i -> %ix%i is within a few grey levels of sharp (libvips), under half a level on average', async (w, h, tw, th) => {
    const image = photo(w, h, w + h);
    const ours = resizeRgb(image, tw, th);
    expect([ours.width, ours.height]).toEqual([tw, th]);
    const d = difference(ours.data, await libvipsResize(image, tw, th));
    // the test image's sawtooth makes both filters ring; libvips' fixed-point arithmetic rounds differently there
    expect(d.max).toBeLessThanOrEqual(3);
    expect(d.mean).toBeLessThan(0.5);
  });

  it('returns the image itself when the size already matches', () => {
    const image = photo(12, 9, 1);
    expect(resizeRgb(image, 12, 9)).toBe(image);
  });

  it('says which reductions it leaves to libvips', () => {
    expect(canResampleInJs(64, 64, 32, 32)).toBe(true);
    expect(canResampleInJs(64, 64, 31, 32)).toBe(false);
    expect(canResampleInJs(16, 16, 200, 20)).toBe(true);
    expect(canResampleInJs(16, 16, 20, 12)).toBe(false);
  });

  describe('invalid parameters', () => {
    const image = photo(16, 16, 2);
    it('rejects sizes that are not positive integers, strong reductions and short data', () => {
      expect(() => resizeRgb(image, 0, 8)).toThrow('toWidth must be a positive integer, got 0');
      expect(() => resizeRgb(image, 8, 2.5)).toThrow('toHeight must be a positive integer, got 2.5');
      expect(() => resizeRgb(image, 4, 4)).toThrow('resizeRgb enlarges, or reduces by at most 1/2, both axes alike; asked 16x16 -> 4x4');
      expect(() => resizeRgb(image, 20, 12)).toThrow('asked 16x16 -> 20x12');
      expect(() => resizeRgb({ ...image, data: image.data.subarray(3) }, 8, 8)).toThrow('image data holds 765 bytes, not 16x16x3');
    });
  });
});

describe('cropRgb and mirrorRgb', () => {
  it('cut and mirror exactly as sharp extract and flop do', async () => {
    const image = photo(20, 14, 3);
    const raw = { width: 20, height: 14, channels: 3 as const };
    const crop = cropRgb(image, 3, 2, 11, 9);
    expect([crop.width, crop.height]).toEqual([11, 9]);
    const theirs = await sharp(image.data, { raw }).extract({ left: 3, top: 2, width: 11, height: 9 }).raw().toBuffer();
    expect(Buffer.from(crop.data).equals(theirs)).toBe(true);
    const flopped = await sharp(crop.data, { raw: { width: 11, height: 9, channels: 3 } }).flop().raw().toBuffer();
    expect(Buffer.from(mirrorRgb(crop).data).equals(flopped)).toBe(true);
  });

  it('rejects a crop that leaves the image', () => {
    expect(() => cropRgb(photo(10, 10, 1), 5, 0, 6, 4)).toThrow('crop 6x4 at (5, 0) leaves the 10x10 image');
    expect(() => cropRgb(photo(10, 10, 1), 0, 0, 0, 4)).toThrow('crop 0x4 at (0, 0) leaves the 10x10 image');
  });
});

describe('resizeRgbRegion and image views', () => {
  it.each([
    [32, 32, 96, 96, 37, 5, 24, 24],
    [30, 20, 45, 31, 0, 20, 45, 11],
    [40, 40, 24, 24, 3, 4, 10, 12],
  ])('%ix%i -> %ix%i: the region at (%i, %i) is exactly that part of resizeRgb', (w, h, tw, th, left, top, rw, rh) => {
    const image = photo(w, h, 4);
    const whole = resizeRgb(image, tw, th);
    const region = resizeRgbRegion(image, tw, th, left, top, rw, rh);
    expect(Buffer.from(region).equals(Buffer.from(cropRgb(whole, left, top, rw, rh).data))).toBe(true);
    const view = resizedView(image, tw, th);
    expect([view.width, view.height]).toEqual([tw, th]);
    expect(Buffer.from(view.crop(left, top, rw, rh)).equals(Buffer.from(region))).toBe(true);
    expect(Buffer.from(view.image().data).equals(Buffer.from(whole.data))).toBe(true);
  });

  it('viewOf crops pixels in memory and hands back the image itself', () => {
    const image = photo(10, 8, 2);
    expect(viewOf(image).image()).toBe(image);
    expect(Buffer.from(viewOf(image).crop(2, 1, 3, 4)).equals(Buffer.from(cropRgb(image, 2, 1, 3, 4).data))).toBe(true);
  });

  it('rejects a region outside the resized image', () => {
    expect(() => resizeRgbRegion(photo(8, 8, 1), 16, 16, 10, 0, 7, 4)).toThrow('region 7x4 at (10, 0) leaves the 16x16 image');
    expect(() => resizedView(photo(8, 8, 1), 16, 16).crop(-1, 0, 2, 2)).toThrow('region 2x2 at (-1, 0) leaves the 16x16 image');
  });
});
