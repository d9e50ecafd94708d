import type * as tf from '@tensorflow/tfjs-core';

/** What Winograd's F(2x2, 3x3) needs to know of a stride-1 3x3 NHWC convolution. */
export interface WinogradShape {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/**
 * Below this many input or output channels, or this many tiles (each 2x2 outputs), the 16 GEMMs are too thin
 * to beat XNNPACK's direct convolution (timed on one thread: docs/results/2026-11-30-engine-tried.md).
 */
export const WINOGRAD_MIN_CHANNELS = 64;
export const WINOGRAD_MIN_TILES = 128;

const calls = { conv2d: 0, filterGrad: 0 };

/** How many convolutions and filter gradients went through Winograd in this process (to check a setup). */
export function winogradCalls(): { readonly conv2d: number; readonly filterGrad: number } {
  return { ...calls };
}

export function countWinogradCall(kind: keyof typeof calls): void {
  calls[kind]++;
}

export function winogradShape(info: tf.backend_util.Conv2DInfo): WinogradShape {
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

export interface KernelGeometry {
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
}

/**
 * Stride-1 3x3 float convolutions wide enough to gain (any dilation: tiles then step by it). Whether Winograd
 * is on at all is a registration option (registerWasmTrainingKernels): off, its kernels are not registered.
 */
export function winogradEligible(s: WinogradShape, k: KernelGeometry, dtype: tf.DataType): boolean {
  return (
    dtype === 'float32' &&
    k.filterHeight === 3 &&
    k.filterWidth === 3 &&
    k.strideHeight === 1 &&
    k.strideWidth === 1 &&
    s.inChannels >= WINOGRAD_MIN_CHANNELS &&
    s.outChannels >= WINOGRAD_MIN_CHANNELS &&
    tileCount(s) >= WINOGRAD_MIN_TILES
  );
}

/** Output positions o where a tile starts (it covers o and o + d): pairs of positions d apart, phase by phase. */
export function tileOrigins(outSize: number, dilation: number): number[] {
  const origins: number[] = [];
  for (let phase = 0; phase < dilation; phase++) for (let o = phase; o < outSize; o += 2 * dilation) origins.push(o);
  return origins;
}

export function tileCount(s: WinogradShape): number {
  return s.batch * tileOrigins(s.outHeight, s.dilationHeight).length * tileOrigins(s.outWidth, s.dilationWidth).length;
}

export interface TilePlan {
  readonly count: number;
  /** Per tile, 16 heap offsets (floats) of its input elements' channel runs; `zeros` for padding. */
  readonly inputs: Int32Array;
  /** Per tile, 4 heap offsets of its outputs' channel runs; `outside` where an output falls off the map. */
  readonly outputs: Int32Array;
}

/** Heap offsets (in floats) of the input at x, a run of zeros, the output at y and the run for outside outputs. */
export interface TileBases {
  readonly x: number;
  readonly zeros: number;
  readonly y: number;
  readonly outside: number;
}

export function planTiles(s: WinogradShape, at: TileBases): TilePlan {
  const { batch: n, inHeight: h, inWidth: w, inChannels: cin, outHeight: oh, outWidth: ow, outChannels: cout } = s;
  const dh = s.dilationHeight;
  const dw = s.dilationWidth;
  const rows = tileOrigins(oh, dh);
  const cols = tileOrigins(ow, dw);
  const count = tileCount(s);
  const inputs = new Int32Array(16 * count);
  const outputs = new Int32Array(4 * count);
  let t = 0;
  for (let b = 0; b < n; b++) {
    for (const oy of rows) {
      for (const ox of cols) {
        for (let k = 0; k < 16; k++) {
          const iy = oy - s.padTop + dh * (k >> 2);
          const ix = ox - s.padLeft + dw * (k & 3);
          inputs[16 * t + k] = iy >= 0 && iy < h && ix >= 0 && ix < w ? at.x + ((b * h + iy) * w + ix) * cin : at.zeros;
        }
        for (let j = 0; j < 4; j++) {
          const yy = oy + dh * (j >> 1);
          const yx = ox + dw * (j & 1);
          outputs[4 * t + j] = yy < oh && yx < ow ? at.y + ((b * oh + yy) * ow + yx) * cout : at.outside;
        }
        t++;
      }
    }
  }
  return { count, inputs, outputs };
}
