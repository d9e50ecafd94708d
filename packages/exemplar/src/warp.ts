// The geometric part of a view: an affine map from patch pixels back into the resized image,
// sampled bilinearly with edge clamping, so the result is a deterministic pure function.
import type { RgbImage } from '@mtssl/core';

export interface Affine {
  /** Centre of the view in image pixels (seed centre plus translation). */
  readonly cx: number;
  readonly cy: number;
  /** Rotation of the view in radians (counter-clockwise as seen in the image). */
  readonly angle: number;
  /** Magnification: > 1 zooms in (the view covers a smaller image area). */
  readonly zoom: number;
}

/** Bilinear sample of channel values at (x, y), clamped to the image, written into out[o..o+2]. */
function sampleInto(image: RgbImage, x: number, y: number, out: Uint8Array, o: number): void {
  const maxX = image.width - 1;
  const maxY = image.height - 1;
  const xc = x < 0 ? 0 : x > maxX ? maxX : x;
  const yc = y < 0 ? 0 : y > maxY ? maxY : y;
  const x0 = Math.floor(xc);
  const y0 = Math.floor(yc);
  const x1 = x0 < maxX ? x0 + 1 : x0;
  const y1 = y0 < maxY ? y0 + 1 : y0;
  const fx = xc - x0;
  const fy = yc - y0;
  const d = image.data;
  const i00 = (y0 * image.width + x0) * 3;
  const i01 = (y0 * image.width + x1) * 3;
  const i10 = (y1 * image.width + x0) * 3;
  const i11 = (y1 * image.width + x1) * 3;
  for (let c = 0; c < 3; c++) {
    const top = (d[i00 + c] as number) * (1 - fx) + (d[i01 + c] as number) * fx;
    const bottom = (d[i10 + c] as number) * (1 - fx) + (d[i11 + c] as number) * fx;
    out[o + c] = Math.round(top * (1 - fy) + bottom * fy);
  }
}

/** Renders a size x size RGB view: pixel (u, v) reads the image at centre + R(angle) (u, v) / zoom. */
export function warpView(image: RgbImage, t: Affine, size: number): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  const cos = Math.cos(t.angle) / t.zoom;
  const sin = Math.sin(t.angle) / t.zoom;
  const half = size / 2;
  for (let v = 0; v < size; v++) {
    const dv = v + 0.5 - half;
    for (let u = 0; u < size; u++) {
      const du = u + 0.5 - half;
      // Pixel centres map to pixel centres: (u + 0.5) in the view is x + 0.5 in the image.
      const x = t.cx + cos * du - sin * dv - 0.5;
      const y = t.cy + sin * du + cos * dv - 0.5;
      sampleInto(image, x, y, out, (v * size + u) * 3);
    }
  }
  return out;
}
