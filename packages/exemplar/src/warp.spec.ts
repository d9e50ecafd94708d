import type { RgbImage } from '@mtssl/core';
import { warpView } from './warp';

/** R = 4x, G = 4y, B = 50. */
function ramp(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([4 * x, 4 * y, 50], (y * width + x) * 3);
  return { data, width, height };
}

const px = (v: Uint8Array, size: number, u: number, w: number) => Array.from(v.subarray((w * size + u) * 3, (w * size + u) * 3 + 3));

describe('warpView', () => {
  const image = ramp(40, 40);

  it('with no rotation or zoom copies the square around the centre exactly', () => {
    const v = warpView(image, { cx: 20, cy: 16, angle: 0, zoom: 1 }, 8);
    // View pixel (0, 0) is image pixel (16, 12).
    expect(px(v, 8, 0, 0)).toEqual([64, 48, 50]);
    expect(px(v, 8, 7, 7)).toEqual([92, 76, 50]);
  });

  it('shifts by a fraction of a pixel with bilinear interpolation', () => {
    const v = warpView(image, { cx: 20.5, cy: 16, angle: 0, zoom: 1 }, 8);
    expect(px(v, 8, 0, 0)).toEqual([66, 48, 50]);
  });

  it('rotates by 90 degrees: moving right in the view moves down in the image', () => {
    const v = warpView(image, { cx: 20, cy: 20, angle: Math.PI / 2, zoom: 1 }, 8);
    const a = px(v, 8, 2, 4);
    const b = px(v, 8, 5, 4);
    expect((b[1] as number) - (a[1] as number)).toBe(12); // 3 px down the image: G rises by 12
    expect(Math.abs((b[0] as number) - (a[0] as number))).toBeLessThanOrEqual(1);
  });

  it('zoom 2 halves the image distance between view pixels', () => {
    const v = warpView(image, { cx: 20, cy: 20, angle: 0, zoom: 2 }, 8);
    expect((px(v, 8, 6, 0)[0] as number) - (px(v, 8, 2, 0)[0] as number)).toBe(8); // 4 view px = 2 image px
  });

  it('clamps at the border instead of reading outside the image', () => {
    const v = warpView(image, { cx: 0, cy: 0, angle: 0, zoom: 1 }, 8);
    expect(px(v, 8, 0, 0)).toEqual([0, 0, 50]);
  });
});
