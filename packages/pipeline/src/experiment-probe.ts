// The experiment's probes of one trunk: linear softmax on the pooled output of blocks 1, 2 and 3,
// and weighted kNN on block 3, trained on the probe's train images and scored on its test images.
import { probeFeatures, blockFeatures, knnAccuracy, resolveProbeOptions, type PixelSet } from '@mtssl/eval';
import type { Trunk } from '@mtssl/trainer';

export interface ProbeData {
  readonly train: PixelSet;
  readonly test: PixelSet;
  readonly numClasses: number;
  /** Where the test images come from: the manifest's holdout, a validation part, or a test manifest. */
  readonly testSource: string;
  /** The smaller part of `train` (seeded, per class) the curve's probes train on. */
  readonly curveTrain: PixelSet;
}

export interface Scores {
  readonly top1: number;
  readonly top5: number;
}

export interface ProbeScoresByBlock {
  /** Linear probe top-1/top-5 per block: [block1, block2, block3]. */
  readonly linear: readonly Scores[];
  readonly knn: Scores;
}

function score(trainX: Float32Array, trainY: Int32Array, testX: Float32Array, testY: Int32Array, dim: number, numClasses: number, withKnn: boolean): { linear: Scores; knn?: Scores } {
  const fit = probeFeatures({ x: trainX, labels: trainY }, { x: testX, labels: testY }, dim, numClasses, resolveProbeOptions({}));
  const linear = { top1: fit.scores.top1, top5: fit.scores.top5 };
  if (!withKnn) return { linear };
  const knn = knnAccuracy({ x: trainX, labels: trainY }, { x: testX, labels: testY }, dim, numClasses);
  return { linear, knn: { top1: knn.top1, top5: knn.top5 } };
}

/** Every block's linear probe and block 3's kNN on the full probe sets. */
export function probeTrunkBlocks(trunk: Trunk, data: ProbeData): ProbeScoresByBlock {
  const tr = blockFeatures(trunk, data.train);
  const te = blockFeatures(trunk, data.test);
  const linear: Scores[] = [];
  let knn: Scores = { top1: 0, top5: 0 };
  tr.dims.forEach((dim, b) => {
    const last = b === tr.dims.length - 1;
    const s = score(tr.data[b] as Float32Array, data.train.labels, te.data[b] as Float32Array, data.test.labels, dim, data.numClasses, last);
    linear.push(s.linear);
    if (s.knn) knn = s.knn;
  });
  return { linear, knn };
}

/** Block 3's linear probe and kNN trained on the curve's smaller train set (a point of the plot). */
export function probeCurvePoint(trunk: Trunk, data: ProbeData): { linear: Scores; knn: Scores } {
  const train = data.curveTrain;
  const tr = blockFeatures(trunk, train);
  const te = blockFeatures(trunk, data.test);
  const b = tr.dims.length - 1;
  const dim = tr.dims[b] as number;
  const s = score(tr.data[b] as Float32Array, train.labels, te.data[b] as Float32Array, data.test.labels, dim, data.numClasses, true);
  return { linear: s.linear, knn: s.knn as Scores };
}
