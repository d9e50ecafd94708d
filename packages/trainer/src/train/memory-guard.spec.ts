import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TASKS } from '@mtssl/core';
import { ensureGradients, selectBackend } from '@mtssl/tfjs-wasm-training';
import { fakeDataset } from '../testing/fake-datasets';
import { resolveModelOptions } from '../model/config';
import { MultiTaskNet } from '../model/network';
import { batchSizesFor, checkStepMemory, measureStepMemory, memoryBudget, memorySummary } from './memory-guard';
import { train } from './train';

const quiet = { info: (): void => undefined, warn: (): void => undefined };
let root: string;

beforeAll(async () => {
  await selectBackend('wasm', { log: () => undefined });
  ensureGradients();
  root = await mkdtemp(join(tmpdir(), 'mtssl-memory-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('wasm memory guard', () => {
  it('reads the sample sides from each schema', () => {
    const col = fakeDataset('colorization', { count: 1, side: 16, targetSide: 2 });
    expect(batchSizesFor('colorization', col.schema, 4)).toEqual({ side: 16, targetSide: 2, numBins: 4 });
    for (const task of TASKS) expect(batchSizesFor(task, fakeDataset(task, { count: 1, side: 16, targetSide: 2 }).schema, 4).side).toBe(16);
  });

  it('measures a step as a line in the batch size, leaking nothing', async () => {
    const net = new MultiTaskNet(resolveModelOptions('tiny', { numBins: 4, seed: 1 }), ['motion']);
    const start = tf.memory().numTensors;
    const small = await measureStepMemory(net, 'motion', { side: 16, targetSide: 1, numBins: 4 });
    const large = await measureStepMemory(net, 'motion', { side: 32, targetSide: 1, numBins: 4 });
    expect(tf.memory().numTensors).toBe(start);
    expect(small.bytesPerSample).toBeGreaterThan(0);
    // Four times the pixels: roughly four times the activations per sample.
    expect(large.bytesPerSample / small.bytesPerSample).toBeGreaterThan(2.5);
    net.dispose();
  });

  it('names the task and the batch size that fits', () => {
    const step = { task: 'exemplar' as const, fixedBytes: 0, bytesPerSample: 2 ** 20 };
    expect(() => checkStepMemory([step], 8, 0, 64 * 2 ** 20)).not.toThrow();
    expect(() => checkStepMemory([step], 64, 0, 64 * 2 ** 20)).toThrow(/exemplar step at batch size 64 .* lower --batch-size to 42 or less/);
    expect(() => checkStepMemory([step], 1, 0, 2 ** 20)).toThrow(/batch size 1 does not fit/);
    expect(memorySummary([step], 8, 0, 2 ** 30)).toBe('wasm memory: the largest step at batch size 8 needs about 0.01 GiB with headroom, of 1.00 GiB');
  });

  it('checks native TensorFlow against the machine, and only logs where device memory is not reported', () => {
    const step = { task: 'motion' as const, fixedBytes: 0, bytesPerSample: 2 ** 20 };
    const native = { engine: 'native', limitName: 'this machine has' };
    expect(() => checkStepMemory([step], 64, 0, 64 * 2 ** 20, native)).toThrow(/^native memory: a motion step at batch size 64 .* but this machine has 0.06 GiB; lower --batch-size to 42 or less$/);
    expect(memoryBudget('cpu', 2 ** 32)).toBeNull();
    expect(memoryBudget('wasm', 2 ** 32)).toEqual({ engine: 'wasm', limitBytes: 2 ** 32, limitName: 'the wasm heap stops at' });
    expect(memorySummary([step], 8, 0, null, 'native (GPU)')).toBe('native (GPU) memory: the largest step at batch size 8 needs about 0.01 GiB with headroom (device memory is not reported, not checked)');
  });

  it('stops train before the first step when the batch cannot fit', async () => {
    const outDir = join(root, 'too-big');
    const run = train({
      datasets: { motion: fakeDataset('motion', { count: 8, side: 16, targetSide: 1 }) },
      outDir, preset: 'tiny', backend: 'wasm', batchSize: 8, steps: 2, logger: quiet, handleSignals: false,
      wasmMemoryLimitBytes: 2 ** 16,
    });
    await expect(run).rejects.toThrow(/wasm memory: a motion step at batch size 8/);
    expect(existsSync(join(outDir, 'metrics.jsonl'))).toBe(false);
  });

  it('rejects a limit above the 32-bit heap', async () => {
    await expect(train({ datasets: { motion: fakeDataset('motion', { count: 1, side: 16, targetSide: 1 }) }, outDir: join(root, 'x'), wasmMemoryLimitBytes: 2 ** 33 })).rejects.toThrow(
      /wasmMemoryLimitBytes must be/,
    );
  });
});
