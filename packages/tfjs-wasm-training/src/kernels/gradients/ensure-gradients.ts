import * as tf from '@tensorflow/tfjs-core';
import { registerConv2dGradient } from '../conv2d-gradient';
import { EXTRA_GRADIENTS } from './extra-gradients';
import { registerCoreGradients } from './register-core-gradients';

/**
 * Registers what training differentiates through (the core set, our Conv2D gradient, the extra gradients),
 * each of the others only if nobody registered one already; idempotent and cheap, so it runs whenever a
 * backend is selected and may run before every training run: a package loaded since (tfjs-node brings
 * tfjs's gradients) may have replaced the Conv2D gradient with one that refuses dilation, and ours is put back.
 */
export function ensureGradients(): void {
  registerCoreGradients();
  registerConv2dGradient();
  for (const config of EXTRA_GRADIENTS) if (tf.getGradient(config.kernelName) == null) tf.registerGradient(config);
}
