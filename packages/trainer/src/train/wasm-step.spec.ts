import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { TASKS, TaskName } from '@mtssl/core';
import { ensureGradients, selectBackend } from '@mtssl/tfjs-wasm-training';
import { MultiTaskNet } from '../model/network';
import { resolveModelOptions } from '../model/config';
import { disposeRandomBatch, randomBatch } from '../model/random-batch';
import { disposeStatUpdates, forwardContext } from '../model/context';

interface LossAndGrads {
  loss: number;
  grads: Record<string, Float32Array>;
}

/** Loss and gradients of one tiny-preset step (stride 8, so dilated block 3) on the current backend. */
function oneStep(task: TaskName): LossAndGrads {
  const net = new MultiTaskNet(resolveModelOptions('tiny', { numBins: 4, stride8: true, lasso: true, seed: 5 }), [task]);
  const batch = randomBatch(task, { batchSize: 2, side: 16, targetSide: 2, numBins: 4 }, 9);
  const ctx = forwardContext(net.params, true);
  const vars = net.trainableFor(task);
  const { value, grads } = tf.variableGrads(() => net.loss(ctx, batch, 0.01).loss, vars);
  const out: LossAndGrads = { loss: value.dataSync()[0] as number, grads: {} };
  for (const v of vars) out.grads[net.params.logicalName(v)] = grads[v.name]?.dataSync() as Float32Array;
  tf.dispose([value, ...Object.values(grads)]);
  disposeStatUpdates(ctx.statUpdates);
  disposeRandomBatch(batch);
  net.dispose();
  return out;
}

describe('one training step on wasm matches cpu', () => {
  it.each(TASKS.map((t) => [t]))('%s: loss and gradients within tolerance', async (task) => {
    await tf.setBackend('cpu');
    ensureGradients();
    const cpu = oneStep(task);
    await selectBackend('wasm', { log: () => undefined });
    ensureGradients();
    const start = tf.memory().numTensors;
    const wasm = oneStep(task);
    expect(tf.memory().numTensors).toBe(start);
    expect(Math.abs(wasm.loss - cpu.loss) / cpu.loss).toBeLessThan(1e-4);
    // Each variable's gradient difference against the size of the whole gradient, since gradients that
    // are zero in exact arithmetic (a bias feeding batch norm) make per-variable ratios meaningless.
    const norm = Math.sqrt(Object.values(cpu.grads).reduce((sum, g) => sum + g.reduce((a, v) => a + v * v, 0), 0));
    for (const name of Object.keys(cpu.grads)) {
      const a = cpu.grads[name]!;
      const b = wasm.grads[name]!;
      const diff = Math.sqrt(a.reduce((sum, v, i) => sum + (v - (b[i] as number)) ** 2, 0));
      expect([name, diff / norm < 1e-3]).toEqual([name, true]);
    }
  });
});
