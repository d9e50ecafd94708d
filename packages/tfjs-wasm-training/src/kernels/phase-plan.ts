import type { ConvAxis } from './conv-geometry';

/** How one sub-pixel phase of the input gradient is a stride-1 convolution of dy along one axis. */
export interface AxisPhase {
  /** Kernel taps that land on this phase, ascending. */
  taps: number[];
  /** Dilation of those taps measured in dy samples. */
  dilation: number;
  /** Pad (or crop, if negative) dy before and after, so a 'valid' correlation yields `count` outputs. */
  padBefore: number;
  padAfter: number;
}

export interface AxisPlan {
  phases: AxisPhase[];
  /** Outputs per phase; phases interleave to count * stride samples. */
  count: number;
  /** Where the wanted input gradient starts in the interleaved samples. */
  cropStart: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Input position q = i + padBefore receives dy[o] * w[k] wherever o*stride + k*dilation = q. Split q by
 * r = q mod stride: phase r is a correlation of dy with the taps k where k*dilation = r (mod stride).
 */
export function planAxis(a: ConvAxis): AxisPlan {
  const s = a.stride;
  const mMin = Math.floor(a.padBefore / s);
  const count = Math.floor((a.padBefore + a.inSize - 1) / s) - mMin + 1;
  const dilation = a.dilation / gcd(a.dilation, s);
  const phases: AxisPhase[] = [];
  for (let r = 0; r < s; r++) {
    const taps: number[] = [];
    for (let k = 0; k < a.kernel; k++) if ((k * a.dilation) % s === r) taps.push(k);
    // Output m of this phase takes dy[m - e0 - j*dilation] * taps[j], with e0 the first tap's dy offset.
    const e0 = taps.length > 0 ? (taps[0]! * a.dilation - r) / s : 0;
    const reach = Math.max(0, taps.length - 1) * dilation;
    const padBefore = e0 + reach - mMin;
    phases.push({ taps, dilation, padBefore, padAfter: count + reach - a.outSize - padBefore });
  }
  return { phases, count, cropStart: a.padBefore - mMin * s };
}
