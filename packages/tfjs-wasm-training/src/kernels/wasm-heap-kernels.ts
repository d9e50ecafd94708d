import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { transposeValues } from './transpose-values';

/**
 * Copies the block `begin`..`begin + size` of a row-major array into `out`, one `set` per contiguous run
 * (the trailing axes the slice keeps whole, times the last axis it cuts).
 */
export function copySlice(
  x: tf.backend_util.TypedArray,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  out: tf.backend_util.TypedArray,
): void {
  const rank = shape.length;
  let cut = rank - 1; // the last axis the slice does not keep whole
  while (cut > 0 && size[cut] === shape[cut] && begin[cut] === 0) cut--;
  const strides = tf.util.computeStrides([...shape]);
  const stride = (axis: number): number => (axis === rank - 1 ? 1 : (strides[axis] as number));
  const run = (size[cut] as number) * stride(cut);
  const outer = size.slice(0, cut);
  const count = outer.reduce((a, b) => a * b, 1);
  const index = new Array<number>(cut).fill(0);
  for (let r = 0; r < count; r++) {
    let from = (begin[cut] as number) * stride(cut);
    for (let a = 0; a < cut; a++) from += ((begin[a] as number) + (index[a] as number)) * stride(a);
    out.set(x.subarray(from, from + run), r * run);
    for (let a = cut - 1; a >= 0; a--) {
      index[a] = (index[a] as number) + 1;
      if ((index[a] as number) < (outer[a] as number)) break;
      index[a] = 0;
    }
  }
}

type Heap = tf.backend_util.TypedArray;

/**
 * A one-input wasm kernel computed on heap views: the output is allocated first (allocation can grow the heap
 * and detach older views), then `fill` reads x and writes out in place. Strings keep wasm's own kernel.
 */
function heapKernel(
  kernelName: string,
  original: tf.KernelFunc,
  plan: (x: tf.TensorInfo, attrs: tf.NamedAttrMap) => { shape: number[]; fill: (x: Heap, out: Heap) => void },
): tf.KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = (args.inputs as { x: tf.TensorInfo }).x;
      if (x.dtype === 'string') return original(args);
      const { shape, fill } = plan(x, args.attrs ?? {});
      const wasm = args.backend as BackendWasm;
      const out = wasm.makeOutput(shape, x.dtype);
      if (tf.util.sizeFromShape(shape) > 0) fill(wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(out));
      return out;
    },
  };
}

/**
 * tfjs-backend-wasm 4.22's Slice first copies its whole input out of the heap (readSync), so k slices of a
 * tensor cost k full copies; this one reads the heap in place.
 */
export function wasmSliceKernel(original: tf.KernelFunc): tf.KernelConfig {
  return heapKernel(tf.Slice, original, (x, attrs) => {
    const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin as number[], attrs.size as number[]);
    return { shape: size, fill: (xs, out) => copySlice(xs, x.shape, begin, size, out) };
  });
}

/**
 * wasm's Identity copies its input; tensors are immutable, so the output can share the input's memory
 * (as Reshape already does). tf.clone and customGrad's saved tensors go through here.
 */
export const WASM_IDENTITY: tf.KernelConfig = {
  kernelName: tf.Identity,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const x = (inputs as { x: tf.TensorInfo }).x;
    (backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  },
};

/**
 * wasm's Transpose is an unblocked element loop; a blocked transpose over the heap in JS (4x4 register
 * tiles) beats it and copies nothing out of the heap (figures: the package README).
 */
export function wasmTransposeKernel(original: tf.KernelFunc): tf.KernelConfig {
  return heapKernel(tf.Transpose, original, (x, attrs) => {
    const perm = attrs.perm as number[];
    return { shape: perm.map((a) => x.shape[a] as number), fill: (xs, out) => transposeValues(xs, x.shape, perm, out) };
  });
}
