import * as tf from '@tensorflow/tfjs-core';
import { convGeometry } from './conv-geometry';
import { conv2dFilterGrad } from './conv2d-filter-grad';
import { conv2dInputGrad } from './conv2d-input-grad';

type Pad = Parameters<typeof convGeometry>[4];
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

/** Runs tf ops on a kernel's TensorInfo inputs; wrappers are released, the result is handed to the engine. */
function withTensors(backend: tf.KernelBackend, infos: tf.TensorInfo[], body: (ts: tf.Tensor4D[]) => tf.Tensor): tf.Tensor {
  const engine = tf.engine();
  const ts = infos.map((info) => {
    // A wrapper does not own a reference; take one so disposing it cannot free the caller's data.
    backend.incRef(info.dataId);
    return engine.makeTensorFromTensorInfo(info, backend) as tf.Tensor4D;
  });
  try {
    return tf.tidy(() => body(ts));
  } finally {
    tf.dispose(ts);
  }
}

function checkNhwc(kernel: string, attrs: tf.NamedAttrMap): void {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') {
    throw new Error(`${kernel} (wasm training kernel) supports dataFormat NHWC only, got ${String(attrs.dataFormat)}`);
  }
}

/** Missing from tfjs-backend-wasm 4.22: taps of plain 2-D matmuls. */
export const WASM_CONV2D_BACKPROP_FILTER: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    checkNhwc(tf.Conv2DBackpropFilter, attrs!);
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const g = convGeometry(x.shape, attrs!.filterShape as number[], attrs!.strides as [number, number], 1, attrs!.pad as Pad, attrs!.dimRoundingMode as Rounding);
    return withTensors(backend as tf.KernelBackend, [x, dy], ([xt, dyt]) => conv2dFilterGrad(xt!, dyt!, g));
  },
};

/** Replaces wasm's scalar-loop version with forward convolutions. */
export const WASM_CONV2D_BACKPROP_INPUT: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    checkNhwc(tf.Conv2DBackpropInput, attrs!);
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const g = convGeometry(attrs!.inputShape as number[], filter.shape, attrs!.strides as [number, number], 1, attrs!.pad as Pad, attrs!.dimRoundingMode as Rounding);
    return withTensors(backend as tf.KernelBackend, [dy, filter], ([dyt, ft]) => conv2dInputGrad(dyt!, ft!, g));
  },
};
