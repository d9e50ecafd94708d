// The multi-task network: one shared trunk, one head per task, optional lasso rows, all held as
// named variables in one registry.
import * as tf from '@tensorflow/tfjs-core';
import { TaskName } from '@mtssl/core';
import { ModelOptions } from './config';
import { ForwardContext, forwardContext } from './context';
import { ParamRegistry } from './params';
import { trunkForward, trunkOutputs } from './trunk';
import { EVAL_LASSO_ROW, lassoAlpha, lassoCombine, lassoName, lassoPenalty } from './lasso';
import { TASK_SPECS, specFor } from '../tasks';
import { HeadLoss, TaskBatch } from './batch';

/** Side used to create variables before training; parameter shapes do not depend on it. */
const BUILD_SIDE = 32;

export interface StepLoss extends HeadLoss {
  /** The task loss without the lasso penalty. */
  readonly taskLoss: tf.Scalar;
}

export class MultiTaskNet {
  readonly params: ParamRegistry;

  constructor(
    readonly options: ModelOptions,
    readonly tasks: readonly TaskName[],
  ) {
    this.params = new ParamRegistry(options.seed);
    this.build();
  }

  /** Creates every variable (trunk, heads, lasso rows) by one inference pass per head on zeros. */
  private build(): void {
    tf.tidy(() => {
      const ctx = forwardContext(this.params, false);
      this.features(ctx, tf.zeros([1, BUILD_SIDE, BUILD_SIDE, 3]), EVAL_LASSO_ROW);
      for (const task of this.tasks) {
        const side = TASK_SPECS[task].fixedSide(this.options) ?? BUILD_SIDE;
        const images = tf.zeros([2, side, side, 3]) as tf.Tensor4D;
        TASK_SPECS[task].forward(ctx, this.options, this.features(ctx, images, task));
      }
    });
  }

  /** Block-3 features for a lasso row (the last unit's output when lasso is off). */
  features(ctx: ForwardContext, images: tf.Tensor4D, row: string): tf.Tensor4D {
    const outputs = trunkForward(ctx, this.options, images);
    if (!this.options.lasso) return outputs[outputs.length - 1] as tf.Tensor4D;
    return lassoCombine(lassoAlpha(this.params, row, outputs.length) as tf.Tensor1D, outputs);
  }

  /** Outputs of blocks 1, 2 and 3; block 3 through the lasso row as `features` gives it. */
  blockFeatures(ctx: ForwardContext, images: tf.Tensor4D, row: string): tf.Tensor4D[] {
    const { blocks, block3 } = trunkOutputs(ctx, this.options, images);
    if (!this.options.lasso) return blocks;
    return [blocks[0] as tf.Tensor4D, blocks[1] as tf.Tensor4D, lassoCombine(lassoAlpha(this.params, row, block3.length) as tf.Tensor1D, block3)];
  }

  /** The head's raw output (logits or embeddings) for a batch. */
  forward(ctx: ForwardContext, batch: TaskBatch): tf.Tensor {
    return TASK_SPECS[batch.task].forward(ctx, this.options, this.features(ctx, batch.images, batch.task));
  }

  /** Task loss plus, with lasso on, the L1 penalty on the task's alpha row. */
  loss(ctx: ForwardContext, batch: TaskBatch, lassoWeight: number): StepLoss {
    const { loss: taskLoss, metrics } = specFor(batch.task).loss(this.forward(ctx, batch), batch, this.options);
    if (!this.options.lasso || lassoWeight === 0) return { loss: taskLoss, taskLoss, metrics };
    const penalty = lassoPenalty(this.lassoRow(batch.task) as tf.Tensor1D, lassoWeight);
    return { loss: tf.add(taskLoss, penalty), taskLoss, metrics };
  }

  lassoRow(row: string): tf.Variable {
    if (!this.options.lasso) throw new Error('this network was built without lasso');
    return lassoAlpha(this.params, row, this.options.units[2]);
  }

  /** What a task's optimizer updates: the shared trunk, the task's head and its lasso row. */
  trainableFor(task: TaskName): tf.Variable[] {
    const prefixes = ['trunk/', `head/${task}/`];
    if (this.options.lasso) prefixes.push(lassoName(task));
    return this.params.select(prefixes);
  }

  parameterCount(prefixes: readonly string[] = ['']): number {
    return this.params.select(prefixes).reduce((n, v) => n + v.size, 0);
  }

  dispose(): void {
    this.params.dispose();
  }
}
