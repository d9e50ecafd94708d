// tfjs-core's CommonJS build ships no gradients. The kernels package registers the core set and
// Conv2D; the few more this network differentiates through (max pooling, unstack, log1p in the
// sigmoid cross-entropy) are registered here, each only if nobody registered one already.
import * as tf from '@tensorflow/tfjs-core';
import { registerCoreGradients } from '../kernels/gradients/register-core-gradients';
import { registerConv2dGradient } from '../kernels/register-wasm-training-kernels';

const MAX_POOL_GRADIENT: tf.GradConfig = {
  kernelName: tf.MaxPool,
  inputsToSave: ['x'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, y] = saved as [tf.Tensor, tf.Tensor];
    const { filterSize, strides, pad } = attrs as unknown as { filterSize: number; strides: number; pad: string };
    return { x: () => tf.engine().runKernel(tf.MaxPoolGrad, { dy: dy as tf.Tensor, input: x, output: y }, { filterSize, strides, pad }) as tf.Tensor };
  },
};

const UNPACK_GRADIENT: tf.GradConfig = {
  kernelName: tf.Unpack,
  gradFunc: (dy, _saved, attrs) => ({ value: () => tf.stack(dy as tf.Tensor[], (attrs as unknown as { axis: number }).axis) }),
};

const LOG1P_GRADIENT: tf.GradConfig = {
  kernelName: tf.Log1p,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => ({ x: () => tf.div(dy as tf.Tensor, tf.add(saved[0] as tf.Tensor, 1)) }),
};

export const NETWORK_GRADIENTS: readonly tf.GradConfig[] = [MAX_POOL_GRADIENT, UNPACK_GRADIENT, LOG1P_GRADIENT];

/**
 * Registers what training differentiates through; idempotent and cheap, so it runs whenever a backend
 * is selected and before every run: a package loaded since (tfjs-node brings tfjs's gradients) may have
 * replaced the Conv2D gradient with one that refuses dilation, and ours is put back.
 */
export function ensureGradients(): void {
  registerCoreGradients();
  registerConv2dGradient();
  for (const config of NETWORK_GRADIENTS) if (tf.getGradient(config.kernelName) == null) tf.registerGradient(config);
}
