import * as tf from '@tensorflow/tfjs-core';

type Pad = 'valid' | 'same' | number;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

/**
 * dx of a 2-D max pool (NHWC): each output's dy goes to the first maximum of its window, the rule
 * the cpu backend uses. One pass over the windows with per-channel running maxima, so the inner loop
 * walks contiguous channels.
 */
export function maxPoolGradValues(
  x: Float32Array,
  dy: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { filterHeight, filterWidth, padInfo } = info;
  const dx = new Float32Array(batchSize * inHeight * inWidth * c);
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - padInfo.top;
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - padInfo.left;
        best.fill(Number.NEGATIVE_INFINITY);
        where.fill(-1);
        for (let iy = Math.max(0, y0); iy < Math.min(inHeight, y0 + filterHeight); iy++) {
          for (let ix = Math.max(0, x0); ix < Math.min(inWidth, x0 + filterWidth); ix++) {
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
          if (at >= 0) dx[at] = (dx[at] as number) + (dy[out + ch] as number);
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
    const kb = backend as tf.KernelBackend;
    const values = maxPoolGradValues(kb.readSync(input.dataId) as Float32Array, kb.readSync(dy.dataId) as Float32Array, info);
    const dataId = kb.write(values, input.shape, 'float32');
    return { dataId, shape: input.shape, dtype: 'float32' };
  },
};
