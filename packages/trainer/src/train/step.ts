// One single-head step: the task's loss, gradients for the trunk + its head (+ its lasso row),
// the task's own RMSProp update, then the BN moving averages, all without leaking tensors.
import * as tf from '@tensorflow/tfjs-core';
import type { MetricsRecord } from '@mtssl/contracts';
import { MultiTaskNet } from '../model/network';
import { TaskBatch } from '../model/batch';
import { applyMovingStats, disposeStatUpdates, forwardContext } from '../model/context';
import { FusedRmsProp } from '@mtssl/tfjs-wasm-training';
import { scaleTrunkGradients } from './trunk-grad-norm';

/** What a step measures: the part of the metrics record (@mtssl/contracts) that the step itself fills. */
export type StepFigures = Pick<MetricsRecord, 'loss' | 'taskLoss' | 'metrics'>;

export interface StepSettings {
  readonly lassoWeight: number;
  readonly bnMomentum: number;
  /** When set, the task's trunk gradient is scaled to this L2 norm before the update (trunk-grad-norm.ts). */
  readonly trunkGradNorm?: number | undefined;
}

// a network's trunk variables do not change after it is built: their names are looked up once
const trunkNameCache = new WeakMap<MultiTaskNet, ReadonlySet<string>>();

function trunkNames(net: MultiTaskNet): ReadonlySet<string> {
  let names = trunkNameCache.get(net);
  if (!names) trunkNameCache.set(net, (names = new Set(net.params.select(['trunk/']).map((v) => v.name))));
  return names;
}

function readScalar(t: tf.Tensor): number {
  return t.dataSync()[0] as number;
}

export function trainStep(net: MultiTaskNet, optimizer: tf.Optimizer, batch: TaskBatch, settings: StepSettings): StepFigures {
  const ctx = forwardContext(net.params, true);
  const vars = net.trainableFor(batch.task);
  const kept: tf.Tensor[] = [];
  let taskLoss: tf.Scalar | undefined;
  let metrics: Record<string, tf.Scalar> = {};
  try {
    const { value, grads } = tf.variableGrads(() => {
      const result = net.loss(ctx, batch, settings.lassoWeight);
      taskLoss = tf.keep(result.taskLoss);
      metrics = Object.fromEntries(Object.entries(result.metrics).map(([k, v]) => [k, tf.keep(v)]));
      kept.push(taskLoss, ...Object.values(metrics));
      return result.loss;
    }, vars);
    kept.push(value, ...Object.values(grads));
    const step = settings.trunkGradNorm === undefined ? { grads, created: [] } : scaleTrunkGradients(grads, trunkNames(net), settings.trunkGradNorm);
    kept.push(...step.created);
    // Every variable gets an entry, in varList order: RMSProp keys its slots by position.
    const ordered: tf.NamedTensorMap = {};
    for (const v of vars) {
      const g = step.grads[v.name] ?? tf.zerosLike(v);
      if (!step.grads[v.name]) kept.push(g);
      ordered[v.name] = g;
    }
    optimizer.applyGradients(ordered);
    applyMovingStats(ctx.statUpdates, settings.bnMomentum);
    return {
      loss: readScalar(value),
      taskLoss: readScalar(taskLoss as tf.Scalar),
      metrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, readScalar(v)])),
    };
  } finally {
    disposeStatUpdates(ctx.statUpdates);
    tf.dispose(kept);
  }
}

export interface RmspropSettings {
  readonly learningRate: number;
  readonly decay: number;
  readonly momentum: number;
  readonly epsilon: number;
}

/** One optimizer per task, as the paper's per-task workers each had their own RMSProp state. */
export function makeOptimizer(settings: RmspropSettings): tf.Optimizer {
  return new FusedRmsProp(settings.learningRate, settings.decay, settings.momentum, settings.epsilon);
}
