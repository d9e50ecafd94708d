// What evaluation needs from a run: block-3 features of a float batch (through the evaluation
// lasso row when the run used lasso), the trunk's variables for fine-tuning, and the alphas.
import * as tf from '@tensorflow/tfjs-core';
import { TaskName } from '@mtssl/core';
import { ModelOptions, ModelPreset, resolveModelOptions } from '../model/config';
import { MultiTaskNet } from '../model/network';
import { EVAL_LASSO_ROW } from '../model/lasso';
import { applyMovingStats, disposeStatUpdates, forwardContext, MovingStatUpdate } from '../model/context';
import { ensureGradients } from '@mtssl/tfjs-wasm-training';
import { latestCheckpoint, loadWeights, readModelJson } from './checkpoint';

export interface Trunk {
  readonly options: ModelOptions;
  /** Block-3 features [N, h, w, widths[2]] of images in [-1, 1] (NHWC, 3 channels); BN in inference mode. */
  features(images: tf.Tensor4D): tf.Tensor4D;
  /** Outputs of blocks 1, 2 and 3 (block 3 as `features` gives it); BN in inference mode. */
  blockFeatures(images: tf.Tensor4D): tf.Tensor4D[];
  /**
   * Block-3 features with BN in training mode (batch statistics), for training the trunk with labels
   * inside an optimizer's minimize; call commitBatchStats after each step to move the BN averages.
   */
  trainingFeatures(images: tf.Tensor4D): tf.Tensor4D;
  /** Folds the batch statistics of the training forwards since the last call into BN's moving averages. */
  commitBatchStats(momentum: number): void;
  /** Trainable trunk variables (and the evaluation lasso row, when present). */
  readonly variables: readonly tf.Variable[];
  /** Lasso alphas per row (each task and 'eval'), or null when the run had no lasso. */
  lassoAlphas(): Record<string, number[]> | null;
  dispose(): void;
}

function wrap(net: MultiTaskNet, rows: readonly string[]): Trunk {
  const prefixes = net.options.lasso ? ['trunk/', `lasso/${EVAL_LASSO_ROW}`] : ['trunk/'];
  const pending: MovingStatUpdate[] = [];
  return {
    options: net.options,
    features: (images) => tf.tidy(() => net.features(forwardContext(net.params, false), images, EVAL_LASSO_ROW)),
    blockFeatures: (images) => tf.tidy(() => net.blockFeatures(forwardContext(net.params, false), images, EVAL_LASSO_ROW)),
    trainingFeatures: (images) => {
      const ctx = forwardContext(net.params, true);
      const out = net.features(ctx, images, EVAL_LASSO_ROW);
      pending.push(...ctx.statUpdates);
      return out;
    },
    commitBatchStats: (momentum) => applyMovingStats(pending, momentum),
    variables: net.params.select(prefixes),
    lassoAlphas: () => (net.options.lasso ? Object.fromEntries(rows.map((r) => [r, Array.from(net.lassoRow(r).dataSync())])) : null),
    dispose: () => {
      disposeStatUpdates(pending);
      net.dispose();
    },
  };
}

/** A freshly initialised trunk (e.g. the random-weights baseline of a probe). */
export function createTrunk(preset: ModelPreset, seed: number, options: Partial<ModelOptions> = {}): Trunk {
  ensureGradients();
  const net = new MultiTaskNet(resolveModelOptions(preset, { ...options, seed }), []);
  return wrap(net, [EVAL_LASSO_ROW]);
}

/** The trunk of a run's latest checkpoint (or of a checkpoint directory given directly). */
export async function loadTrunk(runDir: string): Promise<Trunk> {
  ensureGradients();
  const checkpoint = (await latestCheckpoint(runDir)) ?? runDir;
  const json = await readModelJson(checkpoint);
  const net = new MultiTaskNet(json.model, json.tasks as TaskName[]);
  try {
    await loadWeights(checkpoint, net);
  } catch (error) {
    net.dispose();
    throw error;
  }
  return wrap(net, [...json.tasks, EVAL_LASSO_ROW]);
}
