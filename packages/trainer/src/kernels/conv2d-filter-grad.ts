import * as tf from '@tensorflow/tfjs-core';
import { type ConvAxis, type ConvGeometry, padOrCrop } from './conv-geometry';

/** Input extent the reshape-then-slice trick needs: the last tap's window, rounded up to whole strides. */
function extent(a: ConvAxis): number {
  return (a.kernel - 1) * a.dilation + a.outSize * a.stride;
}

/** The input pixels tap (kh, kw) meets, as [N*OH*OW, Cin]; strided without stridedSlice (a scalar loop on wasm). */
function tapInput(xp: tf.Tensor4D, g: ConvGeometry, kh: number, kw: number): tf.Tensor2D {
  return tf.tidy(() => {
    const { rows, cols } = g;
    const [n, , , c] = xp.shape;
    const window = tf.slice(xp, [0, kh * rows.dilation, kw * cols.dilation, 0], [n, rows.outSize * rows.stride, cols.outSize * cols.stride, c]);
    if (rows.stride === 1 && cols.stride === 1) return tf.reshape(window, [-1, c]);
    const split = tf.reshape(window, [n, rows.outSize, rows.stride, cols.outSize, cols.stride, c]);
    const picked = tf.slice(split, [0, 0, 0, 0, 0, 0], [n, rows.outSize, 1, cols.outSize, 1, c]);
    return tf.reshape(picked, [-1, c]);
  });
}

/**
 * dL/dW as a sum over kernel taps: for each tap one plain 2-D matmul (Cout x P) . (P x Cin), the form
 * XNNPACK runs fast. dy is transposed once; x is padded once.
 */
export function conv2dFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const { rows, cols } = g;
    const cin = x.shape[3];
    const cout = dy.shape[3];
    const xp = padOrCrop(
      x,
      [rows.padBefore, extent(rows) - rows.inSize - rows.padBefore],
      [cols.padBefore, extent(cols) - cols.inSize - cols.padBefore],
    );
    const dyT = tf.transpose(tf.reshape(dy, [-1, cout]));
    const taps: tf.Tensor2D[] = [];
    for (let kh = 0; kh < rows.kernel; kh++) {
      for (let kw = 0; kw < cols.kernel; kw++) {
        taps.push(tf.tidy(() => tf.matMul(dyT, tapInput(xp, g, kh, kw))));
      }
    }
    const stacked = tf.reshape(tf.stack(taps), [rows.kernel, cols.kernel, cout, cin]);
    return tf.transpose(stacked, [0, 1, 3, 2]) as tf.Tensor4D;
  });
}
