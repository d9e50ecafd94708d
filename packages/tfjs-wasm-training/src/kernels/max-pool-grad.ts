import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Pad = 'valid' | 'same' | number;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

/**
 * dx of a 2-D max pool (NHWC): each output's dy goes to the first maximum of its window, the rule
 * the cpu backend uses. Per window, running maxima per channel start from its first pixel, so the inner
 * loop walks contiguous channels. Writes into `dx` (zeroed here) or a new array.
 */
export function maxPoolGradValues(
  x: Float32Array,
  dy: Float32Array,
  info: tf.backend_util.Conv2DInfo,
  dx: Float32Array = new Float32Array(x.length),
): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { filterHeight, filterWidth, padInfo } = info;
  dx.fill(0);
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - padInfo.top;
      const ya = Math.max(0, y0);
      const yb = Math.min(inHeight, y0 + filterHeight);
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - padInfo.left;
        const xa = Math.max(0, x0);
        const xb = Math.min(inWidth, x0 + filterWidth);
        if (ya >= yb || xa >= xb) continue; // a window entirely in the padding has no input pixel
        const first = ((b * inHeight + ya) * inWidth + xa) * c;
        for (let ch = 0; ch < c; ch++) {
          best[ch] = x[first + ch] as number;
          where[ch] = first + ch;
        }
        for (let iy = ya; iy < yb; iy++) {
          for (let ix = iy === ya ? xa + 1 : xa; ix < xb; ix++) {
            const base = ((b * inHeight + iy) * inWidth + ix) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[base + ch] as number;
              if (v > (best[ch] as number)) {
                best[ch] = v;
                where[ch] = base + ch;
              }
            }
          }
        }
        const out = ((b * outHeight + oy) * outWidth + ox) * c;
        for (let ch = 0; ch < c; ch++) {
          const at = where[ch] as number;
          dx[at] = (dx[at] as number) + (dy[out + ch] as number);
        }
      }
    }
  }
  return dx;
}

/** Replaces tfjs-backend-wasm 4.22's MaxPoolGrad, which routes gradients to wrong positions (e.g. 1x1 windows). */
export const WASM_MAX_POOL_GRAD: tf.KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as {
      filterSize: number | [number, number];
      strides: number | [number, number];
      pad: Pad;
      dimRoundingMode: Rounding;
    };
    const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
    // Read and write the wasm heap in place (readSync would copy each input out first).
    const wasm = backend as BackendWasm;
    const dx = wasm.makeOutput(input.shape, 'float32');
    const view = (t: tf.TensorInfo): Float32Array => wasm.typedArrayFromHeap(t) as Float32Array;
    maxPoolGradValues(view(input), view(dy), info, view(dx));
    return dx;
  },
};
