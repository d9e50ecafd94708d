import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ensureGradients } from '@mtssl/tfjs-wasm-training';
import type { ExemplarBatch } from '../batch';
import { EXEMPLAR_MARGIN, exemplarLoss } from './exemplar';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ensureGradients();
});

const unit = (v: number[]): number[] => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
// Two triplets (anchor, positive, negative), sample-major as the head emits them. Triplet 0's own
// negative is far, but triplet 1's anchor lies close to triplet 0's anchor.
const rows = [unit([1, 0, 0]), unit([0.95, 0.3, 0]), unit([-1, 0, 0]), unit([1, 0, 0.1]), unit([1, 0, 0.12]), unit([0, 1, 0])];
const batch = {} as ExemplarBatch;

const sq = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + (x - (b[i] as number)) ** 2, 0);

describe('exemplarLoss', () => {
  it('paired: the hinge on each triplet with its own negative', () => {
    const start = tf.memory().numTensors;
    const [loss, accuracy] = tf.tidy(() => {
      const out = exemplarLoss(tf.tensor2d(rows), batch, 'paired');
      return [out.loss, out.metrics.accuracy as tf.Scalar];
    });
    const r = rows as number[][];
    const expected = [0, 1].map((t) => Math.max(0, sq(r[3 * t]!, r[3 * t + 1]!) - sq(r[3 * t]!, r[3 * t + 2]!) + EXEMPLAR_MARGIN));
    expect(loss.dataSync()[0]).toBeCloseTo((expected[0]! + expected[1]!) / 2, 5);
    expect(accuracy.dataSync()[0]).toBe(1);
    tf.dispose([loss, accuracy]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('batch-hard: the closest embedding of any other triplet, or its own negative, never its own positive', () => {
    const start = tf.memory().numTensors;
    const [loss, accuracy] = tf.tidy(() => {
      const out = exemplarLoss(tf.tensor2d(rows), batch, 'batch-hard');
      return [out.loss, out.metrics.accuracy as tf.Scalar];
    });
    const r = rows as number[][];
    const hardest = (t: number): number => Math.min(...r.map((x, j) => (j === 3 * t || j === 3 * t + 1 ? Infinity : sq(r[3 * t]!, x))));
    const expected = [0, 1].map((t) => Math.max(0, sq(r[3 * t]!, r[3 * t + 1]!) - hardest(t) + EXEMPLAR_MARGIN));
    expect(loss.dataSync()[0]).toBeCloseTo((expected[0]! + expected[1]!) / 2, 5);
    // triplet 0's positive is farther than triplet 1's anchor: a miss the paired loss cannot see
    expect(hardest(0)).toBeLessThan(sq(r[0]!, r[1]!));
    expect(accuracy.dataSync()[0]).toBe(0.5);
    tf.dispose([loss, accuracy]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('batch-hard has gradients for the embeddings and disposes what it makes', () => {
    const start = tf.memory().numTensors;
    const init = tf.tensor2d(rows);
    const v = tf.variable(init, true, 'exemplar-spec-embeddings');
    init.dispose();
    const { value, grads } = tf.variableGrads(() => exemplarLoss(v, batch, 'batch-hard').loss, [v]);
    expect(value.dataSync()[0]).toBeGreaterThan(0);
    const g = grads['exemplar-spec-embeddings'] as tf.Tensor;
    expect(g.shape).toEqual([6, 3]);
    // the miss's anchor is pulled to its positive and pushed from the other anchor: both rows move
    const norms = tf.tidy(() => tf.sum(tf.abs(g), 1).arraySync() as number[]);
    expect(norms[0]).toBeGreaterThan(0);
    expect(norms[3]).toBeGreaterThan(0);
    tf.dispose([value, ...Object.values(grads)]);
    v.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
