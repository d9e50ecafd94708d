import * as tf from '@tensorflow/tfjs-core';
import { matMulTransposeA } from './chunked-matmul';
import { type ConvAxis, type ConvGeometry, padOrCrop } from './conv-geometry';
import { WINOGRAD_FILTER_GRAD, winogradFilterGradShape } from './winograd-filter-grad';

/** Input extent the swapped convolution reads: exactly the last tap's last window position. */
function extent(a: ConvAxis): number {
  return (a.kernel - 1) * a.dilation + (a.outSize - 1) * a.stride + 1;
}

/**
 * dL/dW[kh, kw, ci, co] = sum over n, oy, ox of x[n, oy*s + kh*d, ox*s + kw*d, ci] * dy[n, oy, ox, co]: a forward
 * convolution of x with batch and channels swapped ([Cin, H, W, n]) by dy as the filter ([OH, OW, n, Cout]),
 * with stride and dilation exchanged. One XNNPACK call instead of a strided copy of x per tap (wasm's strided
 * Slice is a scalar loop). Splitting the batch into groups to keep the filter cache-sized measured no faster.
 */
function filterGradBySwappedConv(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const { rows, cols } = g;
    const xp = padOrCrop(
      x,
      [rows.padBefore, extent(rows) - rows.inSize - rows.padBefore],
      [cols.padBefore, extent(cols) - cols.inSize - cols.padBefore],
    );
    const xSwapped = tf.transpose(xp, [3, 1, 2, 0]);
    const dyFilter = tf.transpose(dy, [1, 2, 0, 3]);
    const out = tf.conv2d(xSwapped, dyFilter, [rows.dilation, cols.dilation], 'valid', 'NHWC', [rows.stride, cols.stride]);
    return tf.transpose(out, [1, 2, 0, 3]);
  });
}

/**
 * dL/dW of a 2-D convolution (NHWC) from plain XNNPACK calls: a 1x1 stride-1 kernel is x^T . dy over all
 * P = N*H*W pixels (chunked along P; the wider of x and dy is the one transposed); a wide 3x3 stride-1
 * kernel on wasm goes through Winograd's F(2x2, 3x3); anything else is the swapped forward convolution above.
 */
export function conv2dFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  const winograd = winogradFilterGradShape(x, dy, g);
  if (winograd !== null) return tf.engine().runKernel(WINOGRAD_FILTER_GRAD, { x, dy }, winograd as unknown as tf.NamedAttrMap) as tf.Tensor4D;
  const { rows, cols } = g;
  const same = (a: ConvAxis): boolean => a.kernel === 1 && a.stride === 1 && a.padBefore === 0 && a.outSize === a.inSize;
  const pointwise = same(rows) && same(cols);
  if (!pointwise) return filterGradBySwappedConv(x, dy, g);
  return tf.tidy(() => {
    const [cin, cout] = [x.shape[3], dy.shape[3]];
    const x2 = tf.reshape(x, [-1, cin]) as tf.Tensor2D;
    const dy2 = tf.reshape(dy, [-1, cout]) as tf.Tensor2D;
    // XNNPACK packs the second operand on every call, which costs more a float than our transpose:
    // transpose the wider of x and dy, pack the narrower.
    const dw = cin >= cout ? matMulTransposeA(x2, dy2) : tf.transpose(matMulTransposeA(dy2, x2));
    return tf.reshape(dw, [1, 1, cin, cout]) as tf.Tensor4D;
  });
}
