// The native backend path without libtensorflow: a virtual '@tensorflow/tfjs-node' that, like the real
// one, registers a 'tensorflow' backend (here the cpu kernels under that name) and tfjs's own gradients
// (here a Conv2D gradient that refuses dilation, as tfjs's does). Training every head through
// selectBackend('tensorflow'), with block 3 dilated, must use the project's Conv2D gradient anyway.
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TASKS } from '@mtssl/core';
import { fakeDataset } from '../testing/fake-datasets';
import { train } from '../train/train';
import { selectBackend } from '@mtssl/tfjs-wasm-training';

const STOCK_MESSAGE = 'stand-in for tfjs: dilation rates greater than 1 are not supported in the Conv2D gradient';

jest.mock(
  '@tensorflow/tfjs-node',
  () => {
    const core = jest.requireActual('@tensorflow/tfjs-core') as typeof tf;
    const cpu = jest.requireActual('@tensorflow/tfjs-backend-cpu') as { MathBackendCPU: new () => tf.KernelBackend };
    core.registerBackend('tensorflow', () => new cpu.MathBackendCPU(), 1);
    for (const k of core.getKernelsForBackend('cpu')) core.registerKernel({ ...k, backendName: 'tensorflow' });
    if (core.getGradient('Conv2D') != null) core.unregisterGradient('Conv2D');
    core.registerGradient({
      kernelName: 'Conv2D',
      inputsToSave: ['x', 'filter'],
      gradFunc: (_dy, _saved, attrs) => {
        const d = (attrs as { dilations?: number | number[] }).dilations;
        if ((Array.isArray(d) ? d : [d ?? 1]).some((v) => v !== 1)) throw new Error('stand-in for tfjs: dilation rates greater than 1 are not supported in the Conv2D gradient');
        throw new Error('stand-in for tfjs: Conv2D gradient');
      },
    });
    return {};
  },
  { virtual: true },
);

describe("the native backend path (a stand-in 'tensorflow' backend)", () => {
  it('trains every head with a dilated block 3 after tfjs-node replaced the Conv2D gradient, checking memory first', async () => {
    const lines: string[] = [];
    const choice = await selectBackend('tensorflow', { log: (l) => lines.push(l) });
    expect(choice.name).toBe('tensorflow');
    expect(tf.getBackend()).toBe('tensorflow');
    expect(lines.at(-1)).toBe("backend: tensorflow (requested; loaded @tensorflow/tfjs-node)");
    const out = await mkdtemp(join(tmpdir(), 'mtssl-native-'));
    try {
      const datasets = Object.fromEntries(TASKS.map((t) => [t, fakeDataset(t, { count: 8, side: 32, targetSide: 4 })]));
      const start = tf.memory().numTensors;
      const result = await train({
        datasets, outDir: out, preset: 'tiny', stride8: true, backend: 'tensorflow', batchSize: 2, steps: 8, handleSignals: false,
        logger: { info: (l) => lines.push(l), warn: (l) => lines.push(l) },
      });
      expect(result.backend).toBe('tensorflow');
      expect(result.step).toBe(8);
      expect(Object.keys(result.tasks).sort()).toEqual([...TASKS].sort());
      for (const s of Object.values(result.tasks)) expect(Number.isFinite(s?.lastLoss)).toBe(true);
      expect(lines.some((l) => /^native memory: the largest step at batch size 2 needs about [\d.]+ GiB with headroom, of [\d.]+ GiB$/.test(l))).toBe(true);
      expect(lines.join('\n')).not.toContain(STOCK_MESSAGE);
      expect(tf.memory().numTensors).toBe(start);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});
