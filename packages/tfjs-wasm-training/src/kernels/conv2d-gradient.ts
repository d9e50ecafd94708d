import * as tf from '@tensorflow/tfjs-core';
import { convGeometry } from './conv-geometry';
import { conv2dFilterGrad } from './conv2d-filter-grad';
import { conv2dInputGrad } from './conv2d-input-grad';

type Pad = Parameters<typeof convGeometry>[4];

/** Conv2D's gradient for every backend, with dilation (tfjs-core's refuses dilation > 1) and any stride. */
export const CONV2D_GRADIENT: tf.GradConfig = {
  kernelName: tf.Conv2D,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') {
      throw new Error(`Conv2D gradient supports dataFormat NHWC only, got ${String(attrs.dataFormat)}`);
    }
    const g = convGeometry(
      x.shape,
      filter.shape,
      attrs.strides as [number, number],
      (attrs.dilations as [number, number] | undefined) ?? 1,
      attrs.pad as Pad,
      attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    );
    return {
      x: () => conv2dInputGrad(dy as tf.Tensor4D, filter, g),
      filter: () => conv2dFilterGrad(x, dy as tf.Tensor4D, g),
    };
  },
};

/** Installs our Conv2D gradient (any backend; handles dilation) in place of tfjs-core's, once. */
export function registerConv2dGradient(): void {
  if (tf.getGradient(tf.Conv2D)?.gradFunc === CONV2D_GRADIENT.gradFunc) return;
  if (tf.getGradient(tf.Conv2D) != null) tf.unregisterGradient(tf.Conv2D);
  tf.registerGradient(CONV2D_GRADIENT);
}
