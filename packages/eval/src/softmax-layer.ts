// One linear softmax layer trained full-batch by gradient descent with momentum and L2. The
// gradient is written out (X^T (softmax - onehot) / N + l2 W) rather than taken by autodiff:
// it is short, exact, and keeps each step to a handful of tensors that are easy to dispose.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@mtssl/core';
import type { ProbeOptions } from './probe-options';

export interface LinearLayer {
  /** Row-major [dim, numClasses]. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly dim: number;
  readonly numClasses: number;
  /** Training loss (cross-entropy + L2) before each epoch's step. */
  readonly losses: readonly number[];
}

export interface LayerData {
  /** Row-major [count, dim]. */
  readonly x: Float32Array;
  readonly labels: Int32Array;
  readonly dim: number;
  readonly numClasses: number;
}

function initWeights(dim: number, numClasses: number, seed: number): Float32Array {
  const rng = Rng.from(seed, 'linear-probe-init');
  const w = new Float32Array(dim * numClasses);
  const std = 0.01;
  for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, std);
  return w;
}

interface State {
  w: tf.Tensor2D;
  b: tf.Tensor1D;
  vw: tf.Tensor2D;
  vb: tf.Tensor1D;
}

function step(s: State, x: tf.Tensor2D, y: tf.Tensor2D, o: ProbeOptions): { next: State; loss: tf.Scalar } {
  return tf.tidy(() => {
    const n = x.shape[0];
    const logits = tf.add(tf.matMul(x, s.w), s.b);
    const logp = tf.logSoftmax(logits);
    const ce = tf.neg(tf.mean(tf.sum(tf.mul(y, logp), 1)));
    const loss = tf.add(ce, tf.mul(0.5 * o.l2, tf.sum(tf.square(s.w)))) as tf.Scalar;
    const g = tf.div(tf.sub(tf.exp(logp), y), n);
    const gw = tf.add(tf.matMul(x, g, true, false), tf.mul(o.l2, s.w));
    const gb = tf.sum(g, 0);
    const vw = tf.add(tf.mul(o.momentum, s.vw), gw) as tf.Tensor2D;
    const vb = tf.add(tf.mul(o.momentum, s.vb), gb) as tf.Tensor1D;
    const w = tf.sub(s.w, tf.mul(o.learningRate, vw)) as tf.Tensor2D;
    const b = tf.sub(s.b, tf.mul(o.learningRate, vb)) as tf.Tensor1D;
    return { next: { w, b, vw, vb }, loss };
  });
}

function disposeState(s: State): void {
  tf.dispose([s.w, s.b, s.vw, s.vb]);
}

export function trainSoftmaxLayer(data: LayerData, o: ProbeOptions): LinearLayer {
  const { dim, numClasses } = data;
  const count = data.labels.length;
  const x = tf.tensor2d(data.x, [count, dim]);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.labels, 'int32'), numClasses), 'float32') as tf.Tensor2D);
  let s: State = {
    w: tf.tensor2d(initWeights(dim, numClasses, o.seed), [dim, numClasses]),
    b: tf.zeros([numClasses]),
    vw: tf.zeros([dim, numClasses]),
    vb: tf.zeros([numClasses]),
  };
  const losses: number[] = [];
  for (let e = 0; e < o.epochs; e++) {
    const { next, loss } = step(s, x, y, o);
    losses.push((loss.dataSync() as Float32Array)[0] as number);
    loss.dispose();
    disposeState(s);
    s = next;
  }
  const weights = Float32Array.from(s.w.dataSync() as Float32Array);
  const bias = Float32Array.from(s.b.dataSync() as Float32Array);
  disposeState(s);
  tf.dispose([x, y]);
  return { weights, bias, dim, numClasses, losses };
}

/** Class scores (logits) [count, numClasses] for row-major features. */
export function scoreLayer(layer: LinearLayer, x: Float32Array): Float32Array {
  const count = x.length / layer.dim;
  const out = new Float32Array(count * layer.numClasses);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < layer.numClasses; c++) {
      let s = layer.bias[c] as number;
      for (let d = 0; d < layer.dim; d++) s += (x[i * layer.dim + d] as number) * (layer.weights[d * layer.numClasses + c] as number);
      out[i * layer.numClasses + c] = s;
    }
  }
  return out;
}
