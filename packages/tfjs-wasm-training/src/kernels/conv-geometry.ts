import * as tf from '@tensorflow/tfjs-core';

/** One spatial axis of a convolution, as the gradients need it. */
export interface ConvAxis {
  inSize: number;
  outSize: number;
  kernel: number;
  stride: number;
  dilation: number;
  /** Zeros added before the first input element. */
  padBefore: number;
}

export interface ConvGeometry {
  rows: ConvAxis;
  cols: ConvAxis;
}

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

export function convGeometry(
  xShape: number[],
  filterShape: number[],
  strides: number | [number, number],
  dilations: number | [number, number],
  pad: Pad,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): ConvGeometry {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
  );
  return {
    rows: { inSize: info.inHeight, outSize: info.outHeight, kernel: info.filterHeight, stride: info.strideHeight, dilation: info.dilationHeight, padBefore: info.padInfo.top },
    cols: { inSize: info.inWidth, outSize: info.outWidth, kernel: info.filterWidth, stride: info.strideWidth, dilation: info.dilationWidth, padBefore: info.padInfo.left },
  };
}

/** Pads (positive) or crops (negative) axis 1 and 2 of an NHWC tensor at both ends. */
export function padOrCrop(t: tf.Tensor4D, rows: [number, number], cols: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = t.shape;
    const cropBegin = [0, Math.max(0, -rows[0]), Math.max(0, -cols[0]), 0];
    const cropSize = [n, h - cropBegin[1]! - Math.max(0, -rows[1]), w - cropBegin[2]! - Math.max(0, -cols[1]), c];
    const cropped = cropBegin.some((b, i) => b !== 0 || cropSize[i] !== t.shape[i]) ? tf.slice(t, cropBegin, cropSize) : t;
    const pads: Array<[number, number]> = [[0, 0], [Math.max(0, rows[0]), Math.max(0, rows[1])], [Math.max(0, cols[0]), Math.max(0, cols[1])], [0, 0]];
    return pads.some(([a, b]) => a > 0 || b > 0) ? tf.pad(cropped, pads) : cropped;
  });
}
