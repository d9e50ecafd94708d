// FLOP counting from the kernels a forward pass actually runs, so the figure follows the network
// as built (presets, stride-8 dilation, heads) instead of a hand-kept formula.
import * as tf from '@tensorflow/tfjs-core';

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Multiply-adds x 2 of one convolution or matrix product kernel call; 0 for anything else. */
export function kernelFlops(name: string, inputShapes: readonly (readonly number[])[], outputShapes: readonly (readonly number[])[]): number {
  const out = outputShapes[0];
  if (!out) return 0;
  if (name === tf.Conv2D || name === tf.FusedConv2D) {
    const filter = inputShapes[1] as readonly number[]; // [kh, kw, cin, cout]
    return 2 * size(out) * (filter[0] as number) * (filter[1] as number) * (filter[2] as number);
  }
  if (name === tf.BatchMatMul || name === tf._FusedMatMul) {
    const [a, b] = [inputShapes[0] as readonly number[], inputShapes[1] as readonly number[]];
    // size(a) * size(b) / size(out) = batch * k^2 whatever the transposes, for rank 2 or 3 operands.
    const batch = out.length === 3 ? (out[0] as number) : 1;
    const k = Math.sqrt((size(a) * size(b)) / (size(out) * batch));
    return 2 * size(out) * k;
  }
  return 0;
}

/**
 * Forward FLOPs of `run` (convolutions and matrix products, counted from the kernels it calls).
 * Everything `run` creates is disposed.
 */
export async function forwardFlops(run: () => tf.TensorContainer): Promise<number> {
  const info = await tf.profile(() => {
    tf.tidy(() => {
      run();
    });
  });
  return info.kernels.reduce((sum, k) => sum + kernelFlops(k.name, k.inputShapes, k.outputShapes), 0);
}

/** The usual training-step estimate: forward + backward to inputs + backward to weights = 3 x forward. */
export const TRAINING_FLOPS_PER_FORWARD = 3;
