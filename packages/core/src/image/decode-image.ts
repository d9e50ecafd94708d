// Decodes one image file into RGB (at a target short side, or at its own size), turning every way a
// file can be unusable into a BadImage with a reason a person can act on. Every stream decodes here,
// so a bad file gets the same reason whichever stream meets it.
import sharp from 'sharp';
import { BadImage } from './bad-image';
import { DecodeCache, type DecodeCacheStats } from './decode-cache';
import { readImageBytes } from './image-bytes';
import { JpegHeader, readJpegHeader } from './jpeg-header';
import { ImageView, resizedView, viewOf } from './image-view';
import { canResampleInJs } from './resample';
import type { RgbImage } from './rgb-image';
import { decodeSmallJpeg, isSmallPlainJpeg } from './small-jpeg';

/** Smallest short side the source may have, and how to say why in the reason ('too small: WxH < why'). */
export interface SizeLimits {
  readonly minSourceSide: number;
  readonly minSourceWhy: string;
}

export interface DecodeLimits extends SizeLimits {
  /** The short side after resizing. */
  readonly shortSide: number;
}

type Limits = SizeLimits & { readonly shortSide?: number };

function classify(err: unknown): BadImage {
  // libvips repeats its warnings on several lines; the first says what is wrong.
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] as string;
  if (/unsupported image format/i.test(message)) return new BadImage(`not an image: ${message}`);
  if (/corrupt header/i.test(message)) return new BadImage(`corrupt image: ${message}`);
  if (/premature end|truncat|unexpected end|IDAT/i.test(message)) return new BadImage(`truncated image: ${message}`);
  return new BadImage(`corrupt image: ${message}`);
}

/** Resizes so the short side equals limits.shortSide (aspect kept); always 3 channels. */
export async function decodeImage(file: string, limits: DecodeLimits): Promise<RgbImage> {
  return (await decodeView(file, limits)).image();
}

/** decodeImage's pixels, read region by region: small JPEGs are only resized where a crop asks. */
export function decodeImageView(file: string, limits: DecodeLimits): Promise<ImageView> {
  return decodeView(file, limits);
}

/** At the file's own size (EXIF orientation applied, alpha dropped); always 3 channels. */
export async function decodeImageFull(file: string, limits: SizeLimits): Promise<RgbImage> {
  return (await decodeView(file, limits)).image();
}

// Off until a worker is given a budget (configureWorker): a main thread decodes each file once.
const cache = new DecodeCache(0);

/** Bytes of decoded images this thread keeps between requests for the same file and size (0: none). */
export function setDecodeCacheBytes(maxBytes: number): void {
  cache.resize(maxBytes);
}

/** This thread's decoded-image cache: hits, misses, what it holds. */
export function decodeCacheStats(): DecodeCacheStats {
  return cache.stats();
}

function decodeView(file: string, limits: Limits): Promise<ImageView> {
  return cache.get(`${limits.shortSide ?? 'full'}:${limits.minSourceSide}:${file}`, () => decodeUncached(file, limits));
}

async function decodeUncached(file: string, limits: Limits): Promise<ImageView> {
  const bytes = await readImageBytes(file);
  const header = readJpegHeader(bytes);
  const small = isSmallPlainJpeg(header) ? smallJpegView(bytes, header, limits) : null;
  if (small) return small;
  // libvips keeps one error buffer per process: a failure in another worker thread at the same moment
  // can leave this one with "Unknown error"; decoding again names the real problem
  const decode = () => decodeOnce(bytes, header, limits).catch((err: unknown) => (isUnknownError(err) ? decodeOnce(bytes, header, limits) : Promise.reject(err)));
  try {
    return viewOf(await decode());
  } catch (err) {
    throw err instanceof BadImage ? err : classify(err);
  }
}

/** libvips' message when its shared error buffer was emptied before the error was read. */
export function isUnknownError(err: unknown): boolean {
  return /^\s*unknown error\s*$/i.test((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '');
}

/** The output size for a source of width x height (its own without shortSide); a BadImage when it is too small. */
function targetSize(width: number, height: number, limits: Limits): { w: number; h: number } {
  if (Math.min(width, height) < limits.minSourceSide) {
    throw new BadImage(`too small: ${width}x${height} < ${limits.minSourceWhy}`);
  }
  if (limits.shortSide === undefined) return { w: width, h: height };
  const scale = limits.shortSide / Math.min(width, height);
  return { w: Math.max(limits.shortSide, Math.round(width * scale)), h: Math.max(limits.shortSide, Math.round(height * scale)) };
}

/** A small plain JPEG decoded in JS, resized in JS as it is read; null leaves it to libvips. */
function smallJpegView(bytes: Buffer, header: JpegHeader, limits: Limits): ImageView | null {
  const { w, h } = targetSize(header.width, header.height, limits);
  if (!canResampleInJs(header.width, header.height, w, h)) return null;
  const image = decodeSmallJpeg(bytes, header);
  return image && resizedView(image, w, h);
}

/** One decode; errors go up unclassified (decodeView classifies them, after retrying an "Unknown error"). */
async function decodeOnce(bytes: Buffer, header: JpegHeader | null, limits: Limits): Promise<RgbImage> {
  // 'truncated' rejects cut-off files instead of returning grey-filled pixels.
  const input = sharp(bytes, { failOn: 'truncated' });
  let resize = null;
  if (limits.shortSide !== undefined) {
    const { width, height } = orientedSize(header ?? (await input.metadata()));
    resize = targetSize(width, height, limits);
  }
  let pipeline = input.rotate();
  if (resize) pipeline = pipeline.resize(resize.w, resize.h, { fit: 'fill' });
  const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (!resize) targetSize(info.width, info.height, limits); // at its own size: checked once decoded
  return { data: toRgb(data, info.channels), width: info.width, height: info.height };
}

function orientedSize(meta: { width?: number; height?: number; orientation?: number }): { width: number; height: number } {
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  // EXIF orientations 5-8 swap the axes once .rotate() applies them.
  return (meta.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
}

function toRgb(data: Buffer, channels: number): Uint8Array {
  if (channels === 3) return new Uint8Array(data.buffer, data.byteOffset, data.length);
  const n = data.length / channels;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const v = data[i * channels] as number;
    out[i * 3] = v;
    out[i * 3 + 1] = v;
    out[i * 3 + 2] = v;
  }
  return out;
}
