// Colorization's two image steps: the file at its own size (core's decoder, shared by every stream),
// and the crop resized to the input size.
import sharp from 'sharp';
import { canResampleInJs, cropRgb, decodeImageFull, mirrorRgb, resizeRgb, SMALL_JPEG_MAX_PIXELS, type RgbImage } from '@mtssl/core';
import type { CropGeometry } from './crop';

/** Decodes (EXIF-oriented, alpha dropped) to interleaved RGB; a BadImage for unusable files and images below minSize. */
export function decodeRgb(file: string, minSize: number): Promise<RgbImage> {
  return decodeImageFull(file, { minSourceSide: minSize, minSourceWhy: `minImageSize ${minSize}` });
}

/** The crop, resized to size x size (area-averaging for downscales) and mirrored if asked. */
export async function cropResize(image: RgbImage, crop: CropGeometry, size: number): Promise<Uint8Array> {
  if (crop.side * crop.side <= SMALL_JPEG_MAX_PIXELS && canResampleInJs(crop.side, crop.side, size, size)) {
    // small crops in JS: a libvips call would cost more than the pixels (same filters, see resizeRgb)
    const resized = resizeRgb(cropRgb(image, crop.left, crop.top, crop.side, crop.side), size, size);
    return (crop.flip ? mirrorRgb(resized) : resized).data;
  }
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract({ left: crop.left, top: crop.top, width: crop.side, height: crop.side })
    .resize(size, size, { fit: 'fill' });
  if (crop.flip) pipeline = pipeline.flop();
  const out = await pipeline.raw().toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
