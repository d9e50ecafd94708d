// The crop both patches are cut with, from a decoded RGB image.
import type { RgbImage } from '@mtssl/core';

/** Copies the size x size square at (x, y); the caller guarantees it lies inside the image. */
export function cropSquare(image: RgbImage, x: number, y: number, size: number): Uint8Array {
  if (x < 0 || y < 0 || x + size > image.width || y + size > image.height) {
    throw new RangeError(`crop ${size}x${size} at (${x}, ${y}) leaves the ${image.width}x${image.height} image`);
  }
  const out = new Uint8Array(size * size * 3);
  const rowBytes = size * 3;
  for (let r = 0; r < size; r++) {
    const from = ((y + r) * image.width + x) * 3;
    out.set(image.data.subarray(from, from + rowBytes), r * rowBytes);
  }
  return out;
}
