import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { ConvGeometry } from './conv-geometry';
import { HeapScope } from './heap-scope';
import { countWinogradCall, planTiles, tileCount, winogradEligible, type WinogradShape } from './winograd-plan';
import { filterGradTransform, inputTransform, outputGradTransform } from './winograd-transforms';

export const WINOGRAD_FILTER_GRAD = 'MtsslWinogradFilterGrad';

/**
 * The Winograd shape of a convolution whose filter gradient can go through WINOGRAD_FILTER_GRAD, else null;
 * the kernel is registered on wasm only while Winograd is on (registerWasmTrainingKernels).
 */
export function winogradFilterGradShape(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): WinogradShape | null {
  if (tf.getKernel(WINOGRAD_FILTER_GRAD, tf.getBackend()) == null) return null;
  const s: WinogradShape = {
    batch: x.shape[0],
    inHeight: x.shape[1],
    inWidth: x.shape[2],
    inChannels: x.shape[3],
    outHeight: dy.shape[1],
    outWidth: dy.shape[2],
    outChannels: dy.shape[3],
    dilationHeight: g.rows.dilation,
    dilationWidth: g.cols.dilation,
    padTop: g.rows.padBefore,
    padLeft: g.cols.padBefore,
  };
  const k = { filterHeight: g.rows.kernel, filterWidth: g.cols.kernel, strideHeight: g.rows.stride, strideWidth: g.cols.stride };
  return winogradEligible(s, k, x.dtype) && dy.dtype === 'float32' ? s : null;
}

/**
 * dL/dW of a 3x3 stride-1 convolution in the Winograd domain: with V_k the transformed input tiles and
 * dM_k = A dY A^T the transformed output gradient, dU_k = V_k^T dM_k (16 plain GEMMs over the tiles) and
 * dW = G^T dU G. 2.25x fewer multiplications than the swapped direct convolution.
 */
function winogradFilterGrad(backend: BackendWasm, x: tf.TensorInfo, dy: tf.TensorInfo, s: WinogradShape, matMul: tf.KernelFunc, transpose: tf.KernelFunc): tf.TensorInfo {
  const { inChannels: cin, outChannels: cout } = s;
  const tiles = tileCount(s);
  const scope = new HeapScope(backend);
  try {
    const dw = scope.alloc([3, 3, cin, cout]);
    const zeros = scope.zeros(Math.max(cin, cout));
    const v = Array.from({ length: 16 }, () => scope.alloc([1, tiles, cin]));
    const dm = Array.from({ length: 16 }, () => scope.alloc([1, tiles, cout]));
    // dY's elements that fall outside the map read zeros (the forward pass wrote them to scratch)
    const plan = planTiles(s, { x: scope.at(x), zeros: scope.at(zeros), y: scope.at(dy), outside: scope.at(zeros) });
    inputTransform(scope.heap(dw), plan.inputs, plan.count, cin, v.map((t) => scope.at(t)));
    outputGradTransform(scope.heap(dw), plan.outputs, plan.count, cout, dm.map((t) => scope.at(t)));
    const du = v.map((vk, k) => {
      const vkT = scope.own(transpose({ inputs: { x: vk }, backend, attrs: { perm: [0, 2, 1] } }) as tf.TensorInfo);
      return scope.own(matMul({ inputs: { a: vkT, b: dm[k] as tf.TensorInfo }, backend, attrs: { transposeA: false, transposeB: false } }) as tf.TensorInfo);
    });
    filterGradTransform(scope.heap(dw), du.map((t) => scope.at(t)), cin, cout, scope.at(dw));
    countWinogradCall('filterGrad');
    return scope.keep(dw);
  } finally {
    scope.release();
  }
}

/** The wasm kernel behind winogradFilterGrad; attrs are the WinogradShape. */
export const WASM_WINOGRAD_FILTER_GRAD: tf.KernelConfig = {
  kernelName: WINOGRAD_FILTER_GRAD,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const matMul = tf.getKernel(tf.BatchMatMul, 'wasm');
    const transpose = tf.getKernel(tf.Transpose, 'wasm');
    if (matMul == null || transpose == null) throw new Error(`${WINOGRAD_FILTER_GRAD} needs wasm's BatchMatMul and Transpose kernels`);
    return winogradFilterGrad(backend as BackendWasm, x, dy, attrs as unknown as WinogradShape, matMul.kernelFunc, transpose.kernelFunc);
  },
};
