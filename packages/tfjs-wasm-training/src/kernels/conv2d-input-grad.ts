import * as tf from '@tensorflow/tfjs-core';
import type { ConvGeometry } from './conv-geometry';
import { padOrCrop } from './conv-geometry';
import { type AxisPhase, planAxis } from './phase-plan';

/**
 * The filter restricted to the given taps, flipped in both axes, with Cin and Cout swapped. Taps are gathered
 * as contiguous rows of a [KH*KW, Cin*Cout] view (wasm's Gather and Reverse are scalar loops).
 */
function flippedTaps(filter: tf.Tensor4D, rowTaps: readonly number[], colTaps: readonly number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw, cin, cout] = filter.shape;
    const flat = tf.reshape(filter, [kh * kw, cin * cout]);
    const picked: tf.Tensor[] = [];
    for (const i of [...rowTaps].reverse()) for (const j of [...colTaps].reverse()) picked.push(tf.slice(flat, [i * kw + j, 0], [1, cin * cout]));
    const sub = picked.length === 1 ? (picked[0] as tf.Tensor) : tf.concat(picked, 0);
    return tf.transpose(tf.reshape(sub, [rowTaps.length, colTaps.length, cin, cout]), [0, 1, 3, 2]);
  });
}

/** One phase: correlate dy with the phase's taps, flipped and with Cin/Cout swapped, by a forward conv. */
function phaseGrad(dy: tf.Tensor4D, filter: tf.Tensor4D, ph: AxisPhase, pw: AxisPhase, count: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const n = dy.shape[0];
    const cin = filter.shape[2];
    if (ph.taps.length === 0 || pw.taps.length === 0) return tf.zeros([n, count[0], count[1], cin]);
    const flipped = flippedTaps(filter, ph.taps, pw.taps);
    const dyp = padOrCrop(dy, [ph.padBefore, ph.padAfter], [pw.padBefore, pw.padAfter]);
    const out = tf.conv2d(dyp, flipped, 1, 'valid', 'NHWC', [ph.dilation, pw.dilation]);
    if (out.shape[1] !== count[0] || out.shape[2] !== count[1] || out.shape[3] !== cin) {
      throw new Error(`conv2dInputGrad: phase produced [${out.shape.join(', ')}], expected [${n}, ${count[0]}, ${count[1]}, ${cin}]`);
    }
    return out;
  });
}

/**
 * dL/dx of a 2-D convolution as forward convolutions (XNNPACK speed): dy with the flipped, transposed
 * filter; for stride s, one such convolution per sub-pixel phase, interleaved.
 */
export function conv2dInputGrad(dy: tf.Tensor4D, filter: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const rows = planAxis(g.rows);
    const cols = planAxis(g.cols);
    const count: [number, number] = [rows.count, cols.count];
    const [n] = dy.shape;
    const cin = filter.shape[2];
    let full: tf.Tensor4D;
    if (g.rows.stride === 1 && g.cols.stride === 1) {
      full = phaseGrad(dy, filter, rows.phases[0]!, cols.phases[0]!, count);
    } else {
      const grid = rows.phases.map((ph) => tf.stack(cols.phases.map((pw) => phaseGrad(dy, filter, ph, pw, count)), 3));
      const interleaved = tf.stack(grid, 2); // [N, countH, sH, countW, sW, Cin]
      full = tf.reshape(interleaved, [n, rows.count * g.rows.stride, cols.count * g.cols.stride, cin]);
    }
    const h = g.rows.inSize;
    const w = g.cols.inSize;
    if (rows.cropStart === 0 && cols.cropStart === 0 && full.shape[1] === h && full.shape[2] === w) return full;
    return tf.slice(full, [0, rows.cropStart, cols.cropStart, 0], [n, h, w, cin]);
  });
}
