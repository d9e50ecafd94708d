// Dispatch from a batch to its task's head and loss.
import * as tf from '@tensorflow/tfjs-core';
import { ModelOptions } from '../config';
import { ForwardContext } from '../context';
import { HeadLoss, TaskBatch } from '../batch';
import { colorizationForward, colorizationLoss } from './colorization';
import { exemplarForward, exemplarLoss } from './exemplar';
import { motionForward, motionLoss } from './motion';
import { relativePositionForward, relativePositionLoss } from './relative-position';
import { TaskName } from '@mtssl/core';

export function headForward(ctx: ForwardContext, options: ModelOptions, task: TaskName, features: tf.Tensor4D): tf.Tensor {
  switch (task) {
    case 'relative-position':
      return relativePositionForward(ctx, options, features);
    case 'colorization':
      return colorizationForward(ctx, options, features);
    case 'exemplar':
      return exemplarForward(ctx, options, features);
    case 'motion':
      return motionForward(ctx, options, features);
  }
}

export function headLoss(output: tf.Tensor, batch: TaskBatch, options: ModelOptions): HeadLoss {
  switch (batch.task) {
    case 'relative-position':
      return relativePositionLoss(output as tf.Tensor2D, batch);
    case 'colorization':
      return colorizationLoss(output as tf.Tensor4D, batch);
    case 'exemplar':
      return exemplarLoss(output as tf.Tensor2D, batch, options.exemplarNegatives ?? 'paired');
    case 'motion':
      return motionLoss(output as tf.Tensor4D, batch, options);
  }
}
