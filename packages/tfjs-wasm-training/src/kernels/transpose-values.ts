import type * as tf from '@tensorflow/tfjs-core';

type TypedArray = tf.backend_util.TypedArray;

/** Drops size-1 axes and merges axes that stay adjacent and in order, so [N,H,W,C] by [3,1,2,0] is [N,HW,C] by [2,1,0]. */
export function reducePermutation(shape: readonly number[], perm: readonly number[]): { shape: number[]; perm: number[] } {
  const keptAxes = shape.map((_, a) => a).filter((a) => shape[a] !== 1);
  const compact = perm.filter((a) => shape[a] !== 1).map((a) => keptAxes.indexOf(a));
  const groups: number[][] = [];
  for (const axis of compact) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[last.length - 1] === axis - 1) last.push(axis);
    else groups.push([axis]);
  }
  const byInput = [...groups].sort((a, b) => (a[0] as number) - (b[0] as number));
  return {
    shape: byInput.map((g) => g.reduce((p, axis) => p * (shape[keptAxes[axis] as number] as number), 1)),
    perm: groups.map((g) => byInput.indexOf(g)),
  };
}

function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = (s[i + 1] as number) * (shape[i + 1] as number);
  return s;
}

/** Calls body(inOffset, outOffset) for every index of the given input axes. */
function forEachIndex(axes: readonly number[], shape: readonly number[], inStride: readonly number[], outStride: readonly number[], body: (i: number, o: number) => void): void {
  const index = new Array<number>(axes.length).fill(0);
  const count = axes.reduce((p, a) => p * (shape[a] as number), 1);
  for (let n = 0; n < count; n++) {
    let i = 0;
    let o = 0;
    for (let k = 0; k < axes.length; k++) {
      const a = axes[k] as number;
      i += (index[k] as number) * (inStride[a] as number);
      o += (index[k] as number) * (outStride[a] as number);
    }
    body(i, o);
    for (let k = axes.length - 1; k >= 0; k--) {
      index[k] = (index[k] as number) + 1;
      if ((index[k] as number) < (shape[axes[k] as number] as number)) break;
      index[k] = 0;
    }
  }
}

/** Output columns and input rows per cache block: 8 output streams stay clear of 8-way L1 set conflicts. */
const BLOCK_COLS = 8;
const BLOCK_ROWS = 64;

/** The 4x4 micro-tile at (r, c): four 4-wide reads, four 4-wide writes, all through locals. */
function transpose4x4(x: TypedArray, s: number, ir: number, out: TypedArray, t: number, oc: number): void {
  const s1 = s + ir, s2 = s1 + ir, s3 = s2 + ir;
  const a0 = x[s] as number, a1 = x[s + 1] as number, a2 = x[s + 2] as number, a3 = x[s + 3] as number;
  const b0 = x[s1] as number, b1 = x[s1 + 1] as number, b2 = x[s1 + 2] as number, b3 = x[s1 + 3] as number;
  const c0 = x[s2] as number, c1 = x[s2 + 1] as number, c2 = x[s2 + 2] as number, c3 = x[s2 + 3] as number;
  const d0 = x[s3] as number, d1 = x[s3 + 1] as number, d2 = x[s3 + 2] as number, d3 = x[s3 + 3] as number;
  const t1 = t + oc, t2 = t1 + oc, t3 = t2 + oc;
  out[t] = a0; out[t + 1] = b0; out[t + 2] = c0; out[t + 3] = d0;
  out[t1] = a1; out[t1 + 1] = b1; out[t1 + 2] = c1; out[t1 + 3] = d1;
  out[t2] = a2; out[t2 + 1] = b2; out[t2 + 2] = c2; out[t2 + 3] = d2;
  out[t3] = a3; out[t3 + 1] = b3; out[t3 + 2] = c3; out[t3 + 3] = d3;
}

/** out[o + r + c*oc] = x[i + r*ir + c] for r, c in [r0, r1) x [c0, c1), one element at a time. */
function transposeScalar(x: TypedArray, i: number, ir: number, out: TypedArray, o: number, oc: number, r0: number, r1: number, c0: number, c1: number): void {
  for (let c = c0; c < c1; c++) for (let r = r0; r < r1; r++) out[o + r + c * oc] = x[i + r * ir + c] as number;
}

/**
 * out[o + r + c*oc] = x[i + r*ir + c] for r < rows, c < cols: 4x4 register tiles in cache blocks (faster than
 * a plain blocked loop: docs/results/2026-11-30-engine-tried.md), the ragged edges element by element.
 */
function transposeBlock(x: TypedArray, i: number, ir: number, out: TypedArray, o: number, oc: number, rows: number, cols: number): void {
  const rows4 = rows - (rows & 3);
  const cols4 = cols - (cols & 3);
  for (let c0 = 0; c0 < cols4; c0 += BLOCK_COLS) {
    const c1 = Math.min(cols4, c0 + BLOCK_COLS);
    for (let r0 = 0; r0 < rows4; r0 += BLOCK_ROWS) {
      const r1 = Math.min(rows4, r0 + BLOCK_ROWS);
      for (let c = c0; c < c1; c += 4) for (let r = r0; r < r1; r += 4) transpose4x4(x, i + r * ir + c, ir, out, o + r + c * oc, oc);
    }
  }
  if (rows4 < rows) transposeScalar(x, i, ir, out, o, oc, rows4, rows, 0, cols);
  if (cols4 < cols) transposeScalar(x, i, ir, out, o, oc, 0, rows4, cols4, cols);
}

/**
 * Writes x (row-major, `shape`) permuted by `perm` into out. Either the last axis stays last (contiguous runs
 * are copied) or a blocked 2-D transpose of the input's last axis against the output's last axis runs for
 * every index of the other axes.
 */
export function transposeValues(x: TypedArray, shape: readonly number[], perm: readonly number[], out: TypedArray): void {
  const r = reducePermutation(shape, perm);
  const rank = r.shape.length;
  if (rank <= 1) {
    out.set(x);
    return;
  }
  const inStride = stridesOf(r.shape);
  const outShape = r.perm.map((a) => r.shape[a] as number);
  const outStrideByOut = stridesOf(outShape);
  const outStride = new Array<number>(rank);
  r.perm.forEach((a, pos) => (outStride[a] = outStrideByOut[pos] as number));
  const last = rank - 1;
  const outLast = r.perm[last] as number;
  if (outLast === last) {
    const run = r.shape[last] as number;
    const axes = [...Array(last).keys()];
    forEachIndex(axes, r.shape, inStride, outStride, (i, o) => out.set(x.subarray(i, i + run), o));
    return;
  }
  const axes = [...Array(last).keys()].filter((a) => a !== outLast);
  const rows = r.shape[outLast] as number;
  const cols = r.shape[last] as number;
  forEachIndex(axes, r.shape, inStride, outStride, (i, o) =>
    transposeBlock(x, i, inStride[outLast] as number, out, o, outStride[last] as number, rows, cols),
  );
}
