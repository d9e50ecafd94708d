// The ResNet v2 trunk cut after block 3. Strides follow TF-slim's convention (a block's stride is
// applied by its last unit): stem /4, block 1 /2, block 2 /2 -> output stride 16; with stride8,
// block 2 keeps its resolution and block 3 uses dilation 2 to keep its receptive field. The small
// preset's stem keeps full resolution (stride 1, no pool) for 32-px images: output stride 4.
import * as tf from '@tensorflow/tfjs-core';
import { ModelOptions } from './config';
import { ForwardContext } from './context';
import { bottleneckUnit } from './bottleneck';
import { conv } from './layers';

/** Stride of unit `unit` (0-based) of block `block` (0-based): only a block's last unit strides. */
export function unitStride(block: number, unit: number, options: ModelOptions): number {
  const last = unit === options.units[block] - 1;
  if (!last) return 1;
  if (block === 0) return 2;
  if (block === 1) return options.stride8 ? 1 : 2;
  return 1;
}

/** Dilation of a block's 3x3 convolutions: 2 in block 3 with stride8 (keeping its receptive field), else 1. */
export function blockRate(block: number, options: ModelOptions): number {
  return block === 2 && options.stride8 ? 2 : 1;
}

export interface TrunkOutputs {
  /** The output of every unit of block 3 (what lasso combines). */
  readonly block3: tf.Tensor4D[];
  /** The output of the last unit of blocks 1, 2 and 3 (what a per-block probe reads). */
  readonly blocks: tf.Tensor4D[];
}

/** Runs the trunk on a float NHWC batch in [-1, 1]; returns the output of every unit of block 3. */
export function trunkForward(ctx: ForwardContext, options: ModelOptions, images: tf.Tensor4D): tf.Tensor4D[] {
  return trunkOutputs(ctx, options, images).block3;
}

export function trunkOutputs(ctx: ForwardContext, options: ModelOptions, images: tf.Tensor4D): TrunkOutputs {
  let x = conv(ctx, 'trunk/stem', images, { out: options.stemChannels, kernel: options.stemKernel, stride: options.stemStride ?? 2, bias: true });
  if (options.stemPool ?? true) x = tf.maxPool(x, 3, 2, 'same');
  const block3: tf.Tensor4D[] = [];
  const blocks: tf.Tensor4D[] = [];
  for (let b = 0; b < 3; b++) {
    const width = options.widths[b] as number;
    for (let u = 0; u < (options.units[b] as number); u++) {
      x = bottleneckUnit(ctx, `trunk/block${b + 1}/unit${u + 1}`, x, { depth: width, bottleneck: width / 4, stride: unitStride(b, u, options), rate: blockRate(b, options) });
      if (b === 2) block3.push(x);
    }
    blocks.push(x);
  }
  return { block3, blocks };
}
