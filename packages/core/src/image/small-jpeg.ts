// Small JPEGs (CIFAR-10's 32x32) decoded in JS. A libvips call has a fixed cost whatever the size, several
// times what decoding 32x32 pixels takes in JS (figures: core's README). jpeg-js decodes the coefficients; the
// chroma upsampling and colour conversion are libjpeg's own (its "fancy" triangle filter for 4:2:0
// and its fixed-point YCbCr tables), so the pixels are libjpeg's within a level or two. Only the
// plain case comes here: a complete (ends with EOI) 8-bit baseline or progressive 4:4:4 or 4:2:0 YCbCr JPEG
// without EXIF rotation, ICC profile or Adobe transform. Everything else, and any error, is left to
// libvips, which also names what is wrong.
import { decode } from 'jpeg-js';
import type { RgbImage } from './rgb-image';
import { JpegHeader, readJpegHeader } from './jpeg-header';

/** Largest width x height decoded in JS; above it libvips' fixed cost no longer dominates. */
export const SMALL_JPEG_MAX_PIXELS = 64 * 64;

const JS_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
const JS_SAMPLINGS = new Set(['1x1,1x1,1x1', '2x2,1x1,1x1']);

/** Whether decodeSmallJpeg takes a JPEG with this header. */
export function isSmallPlainJpeg(header: JpegHeader | null): header is JpegHeader {
  return (
    header !== null &&
    header.width * header.height <= SMALL_JPEG_MAX_PIXELS &&
    JS_FRAMES.has(header.frameMarker) &&
    header.precision === 8 &&
    JS_SAMPLINGS.has(header.sampling) &&
    header.orientation === 1 &&
    !header.colourSegments
  );
}

function endsWithEoi(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
}

/** RGB pixels of a small plain JPEG, or null when libvips should decode it (see the file comment). */
export function decodeSmallJpeg(bytes: Uint8Array, header: JpegHeader | null = readJpegHeader(bytes)): RgbImage | null {
  if (!isSmallPlainJpeg(header) || !endsWithEoi(bytes)) return null;
  let ycc;
  try {
    // colorTransform false: Y, Cb, Cr as decoded, chroma repeated to full size
    ycc = decode(bytes, { useTArray: true, formatAsRGBA: false, colorTransform: false, tolerantDecoding: false, maxResolutionInMP: 1, maxMemoryUsageInMB: 16 });
  } catch {
    return null; // libvips decodes it again and says what is wrong
  }
  const { width, height } = header;
  if (ycc.width !== width || ycc.height !== height || ycc.data.length !== width * height * 3) return null;
  if (header.sampling !== '1x1,1x1,1x1') upsampleChroma(ycc.data, width, height);
  return { data: yccToRgb(ycc.data), width, height };
}

/**
 * Replaces the repeated 4:2:0 chroma of `ycc` (in place) with libjpeg's h2v2 fancy upsampling: each
 * output sample is 9/16, 3/16, 3/16, 1/16 of its four nearest chroma samples, edges repeated.
 */
function upsampleChroma(ycc: Uint8Array, width: number, height: number): void {
  const cw = (width + 1) >> 1;
  const ch = (height + 1) >> 1;
  const plane = new Int32Array(cw * ch);
  const colSum = new Int32Array(cw);
  for (let c = 1; c <= 2; c++) {
    for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) plane[y * cw + x] = ycc[((2 * y) * width + 2 * x) * 3 + c] as number;
    for (let oy = 0; oy < height; oy++) {
      const near = oy >> 1;
      const far = Math.min(ch - 1, Math.max(0, oy & 1 ? near + 1 : near - 1));
      for (let x = 0; x < cw; x++) colSum[x] = 3 * (plane[near * cw + x] as number) + (plane[far * cw + x] as number);
      for (let ox = 0; ox < width; ox++) {
        const x = ox >> 1;
        const self = colSum[x] as number;
        let v: number;
        if (ox & 1) v = x === cw - 1 ? (self * 4 + 7) >> 4 : (self * 3 + (colSum[x + 1] as number) + 7) >> 4;
        else v = x === 0 ? (self * 4 + 8) >> 4 : (self * 3 + (colSum[x - 1] as number) + 8) >> 4;
        ycc[(oy * width + ox) * 3 + c] = v;
      }
    }
  }
}

// libjpeg's YCbCr -> RGB tables (jdcolor.c): 16-bit fixed point, rounded the way it rounds.
const ONE_HALF = 1 << 15;
const fix = (x: number): number => Math.floor(x * 65536 + 0.5);
const CR_R = Int32Array.from({ length: 256 }, (_, i) => (fix(1.402) * (i - 128) + ONE_HALF) >> 16);
const CB_B = Int32Array.from({ length: 256 }, (_, i) => (fix(1.772) * (i - 128) + ONE_HALF) >> 16);
const CR_G = Int32Array.from({ length: 256 }, (_, i) => -fix(0.71414) * (i - 128));
const CB_G = Int32Array.from({ length: 256 }, (_, i) => -fix(0.34414) * (i - 128) + ONE_HALF);

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

function yccToRgb(ycc: Uint8Array): Uint8Array {
  const out = new Uint8Array(ycc.length);
  for (let i = 0; i < ycc.length; i += 3) {
    const y = ycc[i] as number;
    const cb = ycc[i + 1] as number;
    const cr = ycc[i + 2] as number;
    out[i] = clampByte(y + (CR_R[cr] as number));
    out[i + 1] = clampByte(y + (((CB_G[cb] as number) + (CR_G[cr] as number)) >> 16));
    out[i + 2] = clampByte(y + (CB_B[cb] as number));
  }
  return out;
}
