// Decoding one image file to 8-bit RGB with sharp, turning every way a file can be bad into a reason.
import sharp from 'sharp';
import { BadImage, canResampleInJs, cropRgb, decodeSmallJpeg, isUnknownError, mirrorRgb, readImageBytes, resizeRgb, SMALL_JPEG_MAX_PIXELS, type RgbImage } from '@mtssl/core';
import type { CropGeometry } from './crop';

/** A file that cannot serve as a sample; `reason` goes into the run report. */
export class ImageInputError extends Error {
  override readonly name = 'ImageInputError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

function classify(err: unknown): string {
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  if (/unsupported image format/i.test(message)) return `not an image: ${message}`;
  if (/premature end|truncat|unexpected end|Invalid JPEG|IDAT/i.test(message)) return `truncated image: ${message}`;
  return `corrupt image: ${message}`;
}

async function readNonEmpty(file: string): Promise<Buffer> {
  try {
    return await readImageBytes(file);
  } catch (err) {
    if (err instanceof BadImage) throw new ImageInputError(err.message);
    throw err;
  }
}

/** Decodes (EXIF-oriented, alpha dropped) to interleaved RGB; rejects images below minSize. */
export async function decodeRgb(file: string, minSize: number): Promise<RgbImage> {
  const bytes = await readNonEmpty(file);
  const image = decodeSmallJpeg(bytes) ?? (await decodeWithLibvips(bytes));
  if (Math.min(image.width, image.height) < minSize) {
    throw new ImageInputError(`too small: ${image.width}x${image.height} pixels, shorter side < minImageSize ${minSize}`);
  }
  return image;
}

async function decodeWithLibvips(bytes: Buffer): Promise<RgbImage> {
  const decode = () =>
    // failOn 'truncated' turns libjpeg's "premature end" warning into an error instead of grey rows.
    sharp(bytes, { failOn: 'truncated' }).rotate().removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  let decoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    decoded = await decode().catch((err: unknown) => {
      // another worker thread's failure can empty libvips' shared error buffer: decode again for the real message
      if (isUnknownError(err)) return decode();
      throw err;
    });
  } catch (err) {
    throw new ImageInputError(classify(err));
  }
  const { width, height, channels } = decoded.info;
  return { data: toRgb(decoded.data, channels), width, height };
}

function toRgb(data: Buffer, channels: number): Uint8Array {
  if (channels === 3) return new Uint8Array(data.buffer, data.byteOffset, data.length);
  const pixels = data.length / channels;
  const out = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    const g = data[p * channels];
    out[p * 3] = g;
    out[p * 3 + 1] = channels >= 3 ? data[p * channels + 1] : g;
    out[p * 3 + 2] = channels >= 3 ? data[p * channels + 2] : g;
  }
  return out;
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
