// The pre-activation (ResNet v2) bottleneck unit: BN-ReLU first, then 1x1, 3x3, 1x1 convolutions.
import * as tf from '@tensorflow/tfjs-core';
import { ForwardContext } from './context';
import { conv, norm } from './layers';
import { subsample } from './subsample';

export interface UnitSpec {
  readonly depth: number;
  readonly bottleneck: number;
  readonly stride: number;
  readonly rate: number;
}

export function bottleneckUnit(ctx: ForwardContext, name: string, x: tf.Tensor4D, spec: UnitSpec): tf.Tensor4D {
  const preact = norm(ctx, `${name}/preact`, x);
  // Identity shortcut when shapes allow (subsampled when strided), projection otherwise.
  const shortcut =
    x.shape[3] === spec.depth
      ? spec.stride === 1
        ? x
        : subsample(x, spec.stride)
      : conv(ctx, `${name}/shortcut`, preact, { out: spec.depth, kernel: 1, stride: spec.stride });
  let r = conv(ctx, `${name}/conv1`, preact, { out: spec.bottleneck, kernel: 1 });
  r = norm(ctx, `${name}/bn1`, r);
  r = conv(ctx, `${name}/conv2`, r, { out: spec.bottleneck, kernel: 3, stride: spec.stride, rate: spec.rate });
  r = norm(ctx, `${name}/bn2`, r);
  r = conv(ctx, `${name}/conv3`, r, { out: spec.depth, kernel: 1, bias: true });
  return tf.add(shortcut, r);
}
