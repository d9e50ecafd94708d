import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { TASKS } from '@mtssl/core';
import { MultiTaskNet } from '../model/network';
import { resolveModelOptions } from '../model/config';
import { disposeRandomBatch, randomBatch } from '../model/random-batch';
import { ensureGradients } from '@mtssl/tfjs-wasm-training';
import { makeOptimizer, trainStep } from './step';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ensureGradients();
});

describe('trainStep', () => {
  it('keeps the tensor count flat across steps of every task, with lasso', () => {
    const net = new MultiTaskNet(resolveModelOptions('tiny', { numBins: 4, lasso: true }), TASKS);
    const optimizers = TASKS.map(() => makeOptimizer({ learningRate: 1e-3, decay: 0.9, momentum: 0.9, epsilon: 1 }));
    const sizes = { batchSize: 2, side: 16, targetSide: 1, numBins: 4 };
    const counts: number[] = [];
    for (let round = 0; round < 3; round++) {
      TASKS.forEach((task, i) => {
        const batch = randomBatch(task, sizes, round);
        const figures = trainStep(net, optimizers[i] as tf.Optimizer, batch, { lassoWeight: 0.01, bnMomentum: 0.9 });
        expect(Number.isFinite(figures.loss)).toBe(true);
        expect(figures.loss).toBeGreaterThan(figures.taskLoss);
        disposeRandomBatch(batch);
      });
      counts.push(tf.memory().numTensors);
    }
    // the first round creates each optimizer's slots; after that nothing accumulates
    expect(counts[2]).toBe(counts[1]);
    optimizers.forEach((o) => o.dispose());
    net.dispose();
  });

  it('updates the trunk and the task head but not other heads; moves BN statistics', () => {
    const net = new MultiTaskNet(resolveModelOptions('tiny', { numBins: 4 }), ['motion', 'exemplar']);
    const pick = (name: string) => net.params.select([name], false)[0] as tf.Variable;
    const names = ['trunk/stem/kernel', 'head/motion/logits/kernel', 'head/exemplar/unit1/conv1/kernel', 'trunk/block1/unit1/preact/moving_mean'];
    const before = names.map((n) => Array.from(pick(n).dataSync()));
    const optimizer = makeOptimizer({ learningRate: 1e-2, decay: 0.9, momentum: 0, epsilon: 1 });
    const batch = randomBatch('motion', { batchSize: 2, side: 16, targetSide: 1, numBins: 4 });
    trainStep(net, optimizer, batch, { lassoWeight: 0, bnMomentum: 0.5 });
    const changed = names.map((n, i) => Array.from(pick(n).dataSync()).some((v, j) => v !== before[i]![j]));
    expect(changed).toEqual([true, true, false, true]);
    disposeRandomBatch(batch);
    optimizer.dispose();
    net.dispose();
  });
});
