// From an RGB crop to the colorization fields: L input, a/b averaged to the target grid, soft-encoded.
import { lightnessToByte, rgbImageToLab, softEncodeAb, srgbToLab } from '@mtssl/core';

export interface EncodedTargets {
  readonly input: Uint8Array;
  readonly abBins: Int32Array;
  readonly abWeights: Float32Array;
  /** Mean a/b per target pixel (interleaved). */
  readonly abMean: Float32Array;
  /** The crop in Lab (interleaved), for the preview's true colours. */
  readonly lab: Float32Array;
}

export interface EncodeSpec {
  readonly size: number;
  readonly targetSize: number;
  readonly softK: number;
  readonly softSigma: number;
  readonly centres: Float32Array;
}

/** Mean of a/b over the input pixels that fall into each target cell (box filter, any ratio). */
export function averageAb(lab: Float32Array, size: number, targetSize: number): Float32Array {
  const out = new Float32Array(targetSize * targetSize * 2);
  for (let ty = 0; ty < targetSize; ty++) {
    const y0 = Math.floor((ty * size) / targetSize);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * size) / targetSize));
    for (let tx = 0; tx < targetSize; tx++) {
      const x0 = Math.floor((tx * size) / targetSize);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * size) / targetSize));
      let a = 0;
      let b = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const i = (y * size + x) * 3;
          a += lab[i + 1];
          b += lab[i + 2];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      out[(ty * targetSize + tx) * 2] = a / n;
      out[(ty * targetSize + tx) * 2 + 1] = b / n;
    }
  }
  return out;
}

/** Encodes an interleaved RGB crop of size x size pixels. */
export function encodeCrop(rgb: Uint8Array, spec: EncodeSpec): EncodedTargets {
  const lab = rgbImageToLab(rgb, 3);
  const n = spec.size * spec.size;
  const input = new Uint8Array(n);
  for (let i = 0; i < n; i++) input[i] = lightnessToByte(lab[i * 3]);
  const abMean = averageAb(lab, spec.size, spec.targetSize);
  const cells = spec.targetSize * spec.targetSize;
  const abBins = new Int32Array(cells * spec.softK);
  const abWeights = new Float32Array(cells * spec.softK);
  for (let c = 0; c < cells; c++) {
    const { bins, weights } = softEncodeAb(abMean[2 * c], abMean[2 * c + 1], spec.softK, spec.softSigma, spec.centres);
    abBins.set(bins, c * spec.softK);
    abWeights.set(weights, c * spec.softK);
  }
  return { input, abBins, abWeights, abMean, lab };
}

export interface ChromaStats {
  /** Mean chroma sqrt(a^2 + b^2). */
  readonly mean: number;
  /** Fraction of pixels whose chroma exceeds `vivid`. */
  readonly vividFraction: number;
}

/**
 * Chroma over every stride-th pixel (at most ~maxPixels): the sum, the count above `vivid`, and whether the
 * scan stopped early because `stopAtVivid` of the sampled pixels were already vivid.
 */
function scanChroma(rgb: Uint8Array, channels: 3 | 4, vivid: number, maxPixels: number, stopAtVivid = Infinity) {
  const pixels = rgb.length / channels;
  const stride = Math.max(1, Math.floor(pixels / maxPixels));
  const sampled = Math.ceil(pixels / stride);
  let sum = 0;
  let vividCount = 0;
  for (let p = 0; p < pixels; p += stride) {
    const i = p * channels;
    const [, a, b] = srgbToLab(rgb[i] as number, rgb[i + 1] as number, rgb[i + 2] as number);
    const c = Math.hypot(a, b);
    sum += c;
    if (c > vivid && ++vividCount / sampled >= stopAtVivid) return { sum, vividCount, sampled, stopped: true };
  }
  return { sum, vividCount, sampled, stopped: false };
}

/** Chroma statistics over at most ~maxPixels pixels of an interleaved RGB(A) image. */
export function chromaStats(rgb: Uint8Array, channels: 3 | 4, vivid: number, maxPixels = 16384): ChromaStats {
  return statsOf(scanChroma(rgb, channels, vivid, maxPixels));
}

function statsOf({ sum, vividCount, sampled }: ReturnType<typeof scanChroma>): ChromaStats {
  return sampled ? { mean: sum / sampled, vividFraction: vividCount / sampled } : { mean: 0, vividFraction: 0 };
}

export function meanChroma(rgb: Uint8Array, channels: 3 | 4, maxPixels = 16384): number {
  return chromaStats(rgb, channels, Infinity, maxPixels).mean;
}

/** A colour subject on a black or white background has a low mean chroma too; it keeps this many vivid pixels. */
export const VIVID_FRACTION = 0.01;

/**
 * Near-grayscale: mean chroma below `threshold`, and fewer than 1% of the pixels with a chroma above
 * 4 x threshold (JPEG noise in a black-and-white photo stays far below that; a yellow daisy on black does not).
 */
export function isNearGrayscale(stats: ChromaStats, threshold: number): boolean {
  return stats.mean < threshold && stats.vividFraction < VIVID_FRACTION;
}

/** A grey image's mean chroma (for the skip reason); a colourful one's is never computed. */
export type GrayscaleCheck = { readonly grey: true; readonly meanChroma: number } | { readonly grey: false };

/**
 * isNearGrayscale(chromaStats(rgb, channels, 4 x threshold)) without visiting every sampled pixel of a
 * colourful image: once 1 % of the sampled pixels are vivid the image is not grey whatever the rest
 * hold, so the answer is the same and most photos stop after a few hundred pixels.
 */
export function grayscaleCheck(rgb: Uint8Array, channels: 3 | 4, threshold: number, maxPixels = 16384): GrayscaleCheck {
  const scan = scanChroma(rgb, channels, 4 * threshold, maxPixels, VIVID_FRACTION);
  if (scan.stopped) return { grey: false };
  const stats = statsOf(scan);
  return isNearGrayscale(stats, threshold) ? { grey: true, meanChroma: stats.mean } : { grey: false };
}
