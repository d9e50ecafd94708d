// The linear probe on precomputed features: standardise with train statistics, fit one softmax
// layer on the train split, report top-1/2/5 on the test split.
import type { ProbeOptions } from './probe-options';
import { scoreLayer, trainSoftmaxLayer, type LinearLayer } from './softmax-layer';
import { applyStandardizer, fitStandardizer } from './standardize';
import { topKAccuracy } from './topk';

export interface LabelledFeatures {
  /** Row-major [labels.length, dim]. */
  readonly x: Float32Array;
  readonly labels: Int32Array;
}

export interface ProbeScores {
  readonly top1: number;
  readonly top2: number;
  /** The paper's Recall@5. Trivially 1 when there are 5 classes or fewer: see top5Trivial. */
  readonly top5: number;
  readonly top5Trivial: boolean;
  /** Top-1 on the train split: how well the layer fits, for spotting under- or over-fitting. */
  readonly trainTop1: number;
  readonly numClasses: number;
  readonly trainCount: number;
  readonly testCount: number;
  readonly finalLoss: number;
  readonly losses: readonly number[];
}

export interface ProbeFit {
  readonly scores: ProbeScores;
  readonly layer: LinearLayer;
}

function checkShapes(name: string, set: LabelledFeatures, dim: number, numClasses: number): void {
  if (set.labels.length === 0) throw new Error(`linear probe: the ${name} split is empty`);
  if (set.x.length !== set.labels.length * dim) {
    throw new Error(`linear probe: ${name} features have ${set.x.length} values, expected ${set.labels.length} x ${dim}`);
  }
  for (const label of set.labels) {
    if (label < 0 || label >= numClasses) throw new Error(`linear probe: ${name} label ${label} outside 0..${numClasses - 1}`);
  }
}

export function probeFeatures(
  train: LabelledFeatures,
  test: LabelledFeatures,
  dim: number,
  numClasses: number,
  options: ProbeOptions,
): ProbeFit {
  if (numClasses < 2) throw new Error(`linear probe needs at least 2 classes, got ${numClasses}`);
  checkShapes('train', train, dim, numClasses);
  checkShapes('test', test, dim, numClasses);
  const std = fitStandardizer(train.x, train.labels.length, dim);
  const trainX = applyStandardizer(std, train.x, dim);
  const testX = applyStandardizer(std, test.x, dim);
  const layer = trainSoftmaxLayer({ x: trainX, labels: train.labels, dim, numClasses }, options);
  const testScores = scoreLayer(layer, testX);
  const trainScores = scoreLayer(layer, trainX);
  const scores: ProbeScores = {
    top1: topKAccuracy(testScores, test.labels, numClasses, 1),
    top2: topKAccuracy(testScores, test.labels, numClasses, 2),
    top5: topKAccuracy(testScores, test.labels, numClasses, 5),
    top5Trivial: numClasses <= 5,
    trainTop1: topKAccuracy(trainScores, train.labels, numClasses, 1),
    numClasses,
    trainCount: train.labels.length,
    testCount: test.labels.length,
    finalLoss: layer.losses[layer.losses.length - 1] ?? Number.NaN,
    losses: layer.losses,
  };
  return { scores, layer };
}
