// The supervised ceiling as a user would train it: the same trunk end-to-end on the labels, batch
// norm in training mode, random crops (zero padding) and flips, SGD with momentum, a cosine
// learning-rate schedule and decoupled weight decay on the convolution and linear weights.
import * as tf from '@tensorflow/tfjs-core';
import { OptionError, rejectUnknownKeys, requireBoolean, requireNonNegativeInt, requireNumberInRange, requirePositiveInt, Rng } from '@mtssl/core';
import type { Trunk } from '@mtssl/trainer';
import type { PixelSet } from './pixel-set';

export interface SupervisedTrunkOptions {
  readonly epochs: number;
  readonly batchSize: number;
  /** Peak learning rate; decays to 0 by a cosine over all steps. */
  readonly learningRate: number;
  readonly momentum: number;
  /** Decoupled weight decay per step, scaled by the learning rate (convolution and linear weights only). */
  readonly weightDecay: number;
  /** Pixels of zero padding around each image before a random crop back to its size. */
  readonly pad: number;
  readonly flip: boolean;
  /** Batch norm's moving-average momentum. */
  readonly bnMomentum: number;
  readonly seed: number;
}

export const SUPERVISED_TRUNK_DEFAULTS: SupervisedTrunkOptions = Object.freeze({
  epochs: 15,
  batchSize: 128,
  learningRate: 0.05,
  momentum: 0.9,
  weightDecay: 5e-4,
  pad: 4,
  flip: true,
  bnMomentum: 0.9,
  seed: 0,
});

export function resolveSupervisedTrunkOptions(partial: Partial<SupervisedTrunkOptions> = {}): SupervisedTrunkOptions {
  rejectUnknownKeys('supervised trunk options', partial, Object.keys(SUPERVISED_TRUNK_DEFAULTS));
  const o = { ...SUPERVISED_TRUNK_DEFAULTS, ...partial };
  requirePositiveInt('epochs', o.epochs);
  requirePositiveInt('batchSize', o.batchSize);
  requireNumberInRange('learningRate', o.learningRate, Number.MIN_VALUE, 10);
  requireNumberInRange('momentum', o.momentum, 0, 0.999);
  requireNumberInRange('weightDecay', o.weightDecay, 0, 1);
  requireNonNegativeInt('pad', o.pad);
  requireBoolean('flip', o.flip);
  requireNumberInRange('bnMomentum', o.bnMomentum, 0, 0.9999);
  requireNonNegativeInt('seed', o.seed);
  return Object.freeze(o);
}

export interface SupervisedTrunkResult {
  /** Mean training loss and accuracy per epoch. */
  readonly losses: readonly number[];
  readonly accuracies: readonly number[];
  readonly options: SupervisedTrunkOptions;
}

/** A padded random crop and a random flip of each image, as floats in [-1, 1] (padding is 0). */
export function augmentBatch(set: PixelSet, idx: readonly number[], o: Pick<SupervisedTrunkOptions, 'pad' | 'flip'>, rng: Rng): Float32Array {
  const s = set.size;
  const per = s * s * 3;
  const out = new Float32Array(idx.length * per);
  idx.forEach((i, k) => {
    const dx = rng.int(-o.pad, o.pad);
    const dy = rng.int(-o.pad, o.pad);
    const flip = o.flip && rng.next() < 0.5;
    const src = i * per;
    for (let y = 0; y < s; y++) {
      const sy = y + dy;
      if (sy < 0 || sy >= s) continue;
      for (let x = 0; x < s; x++) {
        const sx = (flip ? s - 1 - x : x) + dx;
        if (sx < 0 || sx >= s) continue;
        for (let c = 0; c < 3; c++) out[k * per + (y * s + x) * 3 + c] = (set.pixels[src + (sy * s + sx) * 3 + c] as number) / 127.5 - 1;
      }
    }
  });
  return out;
}

function headVariables(dim: number, numClasses: number, seed: number): [tf.Variable, tf.Variable] {
  const w0 = tf.tidy(() => tf.mul(tf.randomNormal([dim, numClasses], 0, 1, 'float32', seed), Math.sqrt(1 / dim)));
  const b0 = tf.zeros([numClasses]);
  const vars: [tf.Variable, tf.Variable] = [tf.variable(w0, true), tf.variable(b0, true)];
  tf.dispose([w0, b0]);
  return vars;
}

function decayed(variables: readonly tf.Variable[]): tf.Variable[] {
  // Kernels (rank 4) and the linear head's weight (rank 2); not BN scales, shifts or biases.
  return variables.filter((v) => v.rank === 4 || v.rank === 2);
}

/** Trains `trunk` in place with a linear head on `set`; the head is discarded afterwards. */
export function trainTrunkSupervised(
  trunk: Trunk,
  set: PixelSet,
  numClasses: number,
  partial: Partial<SupervisedTrunkOptions> = {},
  onEpoch?: (epoch: number, loss: number, accuracy: number) => void,
): SupervisedTrunkResult {
  const o = resolveSupervisedTrunkOptions(partial);
  if (set.count === 0) throw new OptionError('trainTrunkSupervised: no training images');
  if (numClasses < 2) throw new OptionError(`trainTrunkSupervised needs at least 2 classes, got ${numClasses}`);
  const dim = trunk.options.widths[2];
  const rng = Rng.from(o.seed, 'supervised-trunk');
  const [w, b] = headVariables(dim, numClasses, o.seed);
  const trained = [...trunk.variables, w, b];
  const toDecay = new Set(decayed(trained));
  // Momentum SGD by hand: tfjs's momentum optimizer keeps a learning-rate scalar its dispose() misses.
  const velocity = trained.map((v) => {
    const zeros = tf.zerosLike(v);
    const vel = tf.variable(zeros, false);
    zeros.dispose();
    return vel;
  });
  const stepsPerEpoch = Math.ceil(set.count / o.batchSize);
  const total = o.epochs * stepsPerEpoch;
  const losses: number[] = [];
  const accuracies: number[] = [];
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const order = rng.shuffle(Array.from({ length: set.count }, (_, i) => i));
      let lossSum = 0;
      let correct = 0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        const idx = order.slice(s * o.batchSize, (s + 1) * o.batchSize);
        const lr = 0.5 * o.learningRate * (1 + Math.cos((Math.PI * (epoch * stepsPerEpoch + s)) / total));
        const [loss, hits] = tf.tidy(() => {
          const x = tf.tensor4d(augmentBatch(set, idx, o, rng), [idx.length, set.size, set.size, 3]);
          const y = tf.oneHot(tf.tensor1d(idx.map((i) => set.labels[i] as number), 'int32'), numClasses);
          // variableGrads disposes what its function made; the hit count is kept out of that scope.
          const out: { hits?: tf.Tensor } = {};
          const { value, grads } = tf.variableGrads(() => {
            const logits = tf.add(tf.matMul(tf.mean(trunk.trainingFeatures(x), [1, 2]) as tf.Tensor2D, w), b);
            out.hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32')));
            return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
          }, trained);
          trained.forEach((v, i) => {
            const vel = velocity[i] as tf.Variable;
            vel.assign(tf.add(tf.mul(vel, o.momentum), grads[v.name] as tf.Tensor));
            const decayedV = toDecay.has(v) ? tf.mul(v, 1 - lr * o.weightDecay) : v;
            v.assign(tf.sub(decayedV, tf.mul(vel, lr)));
          });
          return [value, out.hits as tf.Tensor];
        });
        trunk.commitBatchStats(o.bnMomentum);
        lossSum += (loss.dataSync()[0] as number) * idx.length;
        correct += hits.dataSync()[0] as number;
        tf.dispose([loss, hits]);
      }
      losses.push(lossSum / set.count);
      accuracies.push(correct / set.count);
      onEpoch?.(epoch, lossSum / set.count, correct / set.count);
    }
  } finally {
    tf.dispose([w, b, ...velocity]);
  }
  return { losses, accuracies, options: o };
}
