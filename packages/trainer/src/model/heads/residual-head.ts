// The two strided bottleneck units that relative position and exemplar put on top of block 3,
// followed by a final BN-ReLU (ResNet v2 normalises after its last unit).
import * as tf from '@tensorflow/tfjs-core';
import { HeadWidths } from '../config';
import { ForwardContext } from '../context';
import { bottleneckUnit } from '../bottleneck';
import { norm } from '../layers';

export function residualHead(ctx: ForwardContext, prefix: string, heads: HeadWidths, x: tf.Tensor4D): tf.Tensor4D {
  let y = bottleneckUnit(ctx, `${prefix}/unit1`, x, { depth: heads.unit1Out, bottleneck: heads.unitBottleneck, stride: 2, rate: 1 });
  y = bottleneckUnit(ctx, `${prefix}/unit2`, y, { depth: heads.unit2Out, bottleneck: heads.unitBottleneck, stride: 2, rate: 1 });
  return norm(ctx, `${prefix}/postnorm`, y);
}

/** Flattens [N, h, w, c] to [N, h*w*c]. */
export function flatten(x: tf.Tensor4D): tf.Tensor2D {
  return tf.reshape(x, [x.shape[0], -1]);
}
