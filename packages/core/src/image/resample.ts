// Resizing small RGB images in JS. A libvips call has a fixed cost whatever the image size, which at
// 32 px is most of a sample; these filters follow libvips' own (bicubic Catmull-Rom when
// enlarging, with its pixel-centre convention; Lanczos-3 when reducing), so a small image comes out
// within a grey level or so of what sharp's resize gives.
import type { RgbImage } from './rgb-image';

/** Reductions below this factor are left to libvips, which shrinks by whole factors first. */
export const JS_RESAMPLE_MIN_SCALE = 0.5;

interface Taps {
  /** Per output position, `count` source indices (edges repeated, as libvips extends them) and weights. */
  readonly count: number;
  readonly index: Int32Array;
  readonly weights: Float32Array;
}

function catmullRom(x: number): number {
  const t = Math.abs(x);
  if (t < 1) return 1.5 * t * t * t - 2.5 * t * t + 1;
  if (t < 2) return -0.5 * t * t * t + 2.5 * t * t - 4 * t + 2;
  return 0;
}

function lanczos3(x: number): number {
  const t = Math.abs(x);
  if (t < 1e-9) return 1;
  if (t >= 3) return 0;
  const p = Math.PI * t;
  return (3 * Math.sin(p) * Math.sin(p / 3)) / (p * p);
}

function buildTaps(from: number, to: number): Taps {
  const scale = to / from;
  const enlarge = scale >= 1;
  const stretch = enlarge ? 1 : 1 / scale;
  const support = (enlarge ? 2 : 3) * stretch;
  const kernel = enlarge ? catmullRom : lanczos3;
  const count = 2 * Math.ceil(support);
  const index = new Int32Array(to * count);
  const weights = new Float32Array(to * count);
  for (let x = 0; x < to; x++) {
    // libvips maps output x to source x / scale - 0.5 when enlarging, (x + 0.5) / scale - 0.5 when reducing
    const centre = enlarge ? x / scale - 0.5 : (x + 0.5) / scale - 0.5;
    const lo = Math.floor(centre - support) + 1;
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const w = kernel((lo + i - centre) / stretch);
      index[x * count + i] = Math.min(from - 1, Math.max(0, lo + i));
      weights[x * count + i] = w;
      sum += w;
    }
    for (let i = 0; i < count; i++) weights[x * count + i] = (weights[x * count + i] as number) / sum;
  }
  return { count, index, weights };
}

const tapCache = new Map<string, Taps>();

function tapsFor(from: number, to: number): Taps {
  const key = `${from}>${to}`;
  let taps = tapCache.get(key);
  if (!taps) {
    taps = buildTaps(from, to);
    if (tapCache.size > 256) tapCache.clear();
    tapCache.set(key, taps);
  }
  return taps;
}

/** Whether the width x height region at (left, top) lies inside a W x H image. */
const inside = (left: number, top: number, width: number, height: number, W: number, H: number): boolean =>
  left >= 0 && top >= 0 && width >= 1 && height >= 1 && left + width <= W && top + height <= H;

const toByte = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0);

/** Output positions [from, to) read source positions [first, last) of these taps. */
function sourceSpan(taps: Taps, from: number, to: number): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (let k = from * taps.count; k < to * taps.count; k++) {
    first = Math.min(first, taps.index[k] as number);
    last = Math.max(last, (taps.index[k] as number) + 1);
  }
  return { first, last };
}

/** One pass along rows over source rows [y0, y1) of `src` (srcW pixels wide), output columns [x0, x1). */
function resampleRows(src: Uint8Array, srcW: number, y0: number, y1: number, taps: Taps, x0: number, x1: number): Float64Array {
  const w = x1 - x0;
  const out = new Float64Array(w * (y1 - y0) * 3);
  const { count, index, weights } = taps;
  for (let y = y0; y < y1; y++) {
    const row = y * srcW * 3;
    for (let x = x0; x < x1; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = x * count, end = k + count; k < end; k++) {
        const wt = weights[k] as number;
        const p = row + (index[k] as number) * 3;
        r += wt * (src[p] as number);
        g += wt * (src[p + 1] as number);
        b += wt * (src[p + 2] as number);
      }
      const o = ((y - y0) * w + (x - x0)) * 3;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    }
  }
  return out;
}

/** One pass along columns: `src` holds rows from source row srcY0 on, w pixels wide; output rows [y0, y1), as bytes. */
function resampleColumns(src: Float64Array, w: number, srcY0: number, taps: Taps, y0: number, y1: number): Uint8Array {
  const rowLen = w * 3;
  const out = new Uint8Array((y1 - y0) * rowLen);
  const acc = new Float64Array(rowLen);
  const { count, index, weights } = taps;
  for (let y = y0; y < y1; y++) {
    acc.fill(0);
    for (let k = y * count, end = k + count; k < end; k++) {
      const wt = weights[k] as number;
      const from = ((index[k] as number) - srcY0) * rowLen;
      for (let c = 0; c < rowLen; c++) acc[c] = (acc[c] as number) + wt * (src[from + c] as number);
    }
    const o = (y - y0) * rowLen;
    for (let c = 0; c < rowLen; c++) out[o + c] = toByte(acc[c] as number);
  }
  return out;
}

/** Whether resizeRgb handles this resize: no axis reduced below JS_RESAMPLE_MIN_SCALE, and not one axis enlarged while the other is reduced. */
export function canResampleInJs(width: number, height: number, toWidth: number, toHeight: number): boolean {
  const enlarges = toWidth > width || toHeight > height;
  const reduces = toWidth < width || toHeight < height;
  return !(enlarges && reduces) && toWidth >= width * JS_RESAMPLE_MIN_SCALE && toHeight >= height * JS_RESAMPLE_MIN_SCALE;
}

function checkResize(image: RgbImage, toWidth: number, toHeight: number): void {
  for (const [name, v] of [['toWidth', toWidth], ['toHeight', toHeight]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  }
  const { width, height } = image;
  if (image.data.length !== width * height * 3) throw new RangeError(`image data holds ${image.data.length} bytes, not ${width}x${height}x3`);
  if (!canResampleInJs(width, height, toWidth, toHeight)) {
    throw new RangeError(`resizeRgb enlarges, or reduces by at most 1/${1 / JS_RESAMPLE_MIN_SCALE}, both axes alike; asked ${width}x${height} -> ${toWidth}x${toHeight}`);
  }
}

/** Enlarging: libvips' one 2-D bicubic, an axis of scale 1 included (it shifts that one by half a pixel). */
function enlargeRegion(image: RgbImage, toWidth: number, toHeight: number, left: number, top: number, width: number, height: number): Uint8Array {
  const across = tapsFor(image.width, toWidth);
  const down = tapsFor(image.height, toHeight);
  const rows = sourceSpan(down, top, top + height);
  const pass = resampleRows(image.data, image.width, rows.first, rows.last, across, left, left + width);
  return resampleColumns(pass, width, rows.first, down, top, top + height);
}

/** Reducing: libvips' vertical pass first, rounded to bytes, then the horizontal one. */
function reduce(image: RgbImage, toWidth: number, toHeight: number): RgbImage {
  const { width, height } = image;
  let out = image;
  if (toHeight !== height) out = { data: resampleColumns(Float64Array.from(out.data), width, 0, tapsFor(height, toHeight), 0, toHeight), width, height: toHeight };
  if (toWidth !== width) out = { data: Uint8Array.from(resampleRows(out.data, width, 0, toHeight, tapsFor(width, toWidth), 0, toWidth), toByte), width: toWidth, height: toHeight };
  return out;
}

const enlarges = (image: RgbImage, toWidth: number, toHeight: number): boolean => toWidth > image.width || toHeight > image.height;

/** The image resized to toWidth x toHeight (aspect not kept); the same image when the size matches. */
export function resizeRgb(image: RgbImage, toWidth: number, toHeight: number): RgbImage {
  checkResize(image, toWidth, toHeight);
  if (toWidth === image.width && toHeight === image.height) return image;
  if (!enlarges(image, toWidth, toHeight)) return reduce(image, toWidth, toHeight);
  return { data: enlargeRegion(image, toWidth, toHeight, 0, 0, toWidth, toHeight), width: toWidth, height: toHeight };
}

/**
 * The width x height region at (left, top) of the image resized to toWidth x toHeight, the same pixels
 * resizeRgb gives there; when enlarging, only the region is computed (two patches of an enlarged image
 * cost a fraction of the whole).
 */
export function resizeRgbRegion(image: RgbImage, toWidth: number, toHeight: number, left: number, top: number, width: number, height: number): Uint8Array {
  checkResize(image, toWidth, toHeight);
  if (!inside(left, top, width, height, toWidth, toHeight)) {
    throw new RangeError(`region ${width}x${height} at (${left}, ${top}) leaves the ${toWidth}x${toHeight} image`);
  }
  if (enlarges(image, toWidth, toHeight)) return enlargeRegion(image, toWidth, toHeight, left, top, width, height);
  return cropRgb(resizeRgb(image, toWidth, toHeight), left, top, width, height).data;
}

/** The width x height region at (left, top); the caller keeps it inside the image. */
export function cropRgb(image: RgbImage, left: number, top: number, width: number, height: number): RgbImage {
  if (!inside(left, top, width, height, image.width, image.height)) {
    throw new RangeError(`crop ${width}x${height} at (${left}, ${top}) leaves the ${image.width}x${image.height} image`);
  }
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 3;
    data.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { data, width, height };
}

/** Mirrored left to right (sharp's flop). */
export function mirrorRgb(image: RgbImage): RgbImage {
  const { width, height } = image;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = (y * width + (width - 1 - x)) * 3;
      const d = (y * width + x) * 3;
      data[d] = image.data[s] as number;
      data[d + 1] = image.data[s + 1] as number;
      data[d + 2] = image.data[s + 2] as number;
    }
  }
  return { data, width, height };
}
