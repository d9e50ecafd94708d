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

const BLOCK = 64;

/** out[o + r + c*oc] = x[i + r*ir + c] for r < rows, c < cols, in cache-sized blocks. */
function transposeBlock(x: TypedArray, i: number, ir: number, out: TypedArray, o: number, oc: number, rows: number, cols: number): void {
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const r1 = Math.min(rows, r0 + BLOCK);
    for (let c0 = 0; c0 < cols; c0 += BLOCK) {
      const c1 = Math.min(cols, c0 + BLOCK);
      for (let c = c0; c < c1; c++) {
        let src = i + r0 * ir + c;
        let dst = o + r0 + c * oc;
        for (let r = r0; r < r1; r++) {
          out[dst] = x[src] as number;
          src += ir;
          dst++;
        }
      }
    }
  }
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
