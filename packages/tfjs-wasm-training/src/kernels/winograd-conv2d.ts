import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { HeapScope } from './heap-scope';
import { countWinogradCall, planTiles, tileCount, winogradEligible, type WinogradShape, winogradShape } from './winograd-plan';
import { filterTransform, inputTransform, outputTransform } from './winograd-transforms';

/**
 * A 3x3 stride-1 convolution by Winograd's F(2x2, 3x3): the input and filter transforms in JS over the
 * heap, then 16 plain 2-D GEMMs (XNNPACK) of [tiles, Cin] x [Cin, Cout] doing 2.25x fewer multiplications
 * than the direct convolution, then the output transform. `matMul` is wasm's own BatchMatMul kernel.
 */
export function winogradConv2d(backend: BackendWasm, x: tf.TensorInfo, filter: tf.TensorInfo, s: WinogradShape, matMul: tf.KernelFunc): tf.TensorInfo {
  const { inChannels: cin, outChannels: cout } = s;
  const scope = new HeapScope(backend);
  try {
    const y = scope.alloc([s.batch, s.outHeight, s.outWidth, cout]);
    const zeros = scope.zeros(cin);
    const outside = scope.alloc([cout]);
    const v = Array.from({ length: 16 }, () => scope.alloc([1, tileCount(s), cin]));
    const u = Array.from({ length: 16 }, () => scope.alloc([1, cin, cout]));
    const plan = planTiles(s, { x: scope.at(x), zeros: scope.at(zeros), y: scope.at(y), outside: scope.at(outside) });
    filterTransform(scope.heap(y), scope.at(filter), cin, cout, u.map((t) => scope.at(t)));
    inputTransform(scope.heap(y), plan.inputs, plan.count, cin, v.map((t) => scope.at(t)));
    const m = v.map((vk, k) => scope.own(matMul({ inputs: { a: vk, b: u[k] as tf.TensorInfo }, backend, attrs: { transposeA: false, transposeB: false } }) as tf.TensorInfo));
    outputTransform(scope.heap(y), m.map((t) => scope.at(t)), plan.outputs, plan.count, cout);
    countWinogradCall('conv2d');
    return scope.keep(y);
  } finally {
    scope.release();
  }
}

/** Wraps wasm's Conv2D: eligible NHWC convolutions go through winogradConv2d, the rest to the original. */
export function wasmWinogradConv2dKernel(original: tf.KernelFunc): tf.KernelConfig {
  return {
    kernelName: tf.Conv2D,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
      const a = args.attrs ?? {};
      if (a.dataFormat !== undefined && a.dataFormat !== 'NHWC') return original(args);
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        filter.shape as [number, number, number, number],
        a.strides as [number, number],
        a.dilations as [number, number],
        a.pad as 'same',
        a.dimRoundingMode as 'floor' | undefined,
      );
      const shape = winogradShape(info);
      const matMul = tf.getKernel(tf.BatchMatMul, 'wasm');
      if (matMul == null || !winogradEligible(shape, info, x.dtype)) return original(args);
      return winogradConv2d(args.backend as BackendWasm, x, filter, shape, matMul.kernelFunc);
    },
  };
}
