// Each head, trained on wasm, must solve a fake whose answer is in the pixels: a broken head, loss or
// pairing of the batch shows up here as accuracy stuck at chance.
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TASKS } from '@mtssl/core';
import { selectBackend } from '@mtssl/tfjs-wasm-training';
import { fakeDataset } from '../testing/fake-datasets';
import { train } from './train';

let root: string;

beforeAll(async () => {
  await selectBackend('wasm', { log: () => undefined });
  root = await mkdtemp(join(tmpdir(), 'mtssl-learn-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('each head learns its fake (tiny preset, wasm, 150 steps)', () => {
  it.each(TASKS.map((t) => [t]))('%s reaches >= 0.8 accuracy over its last 10 steps', async (task) => {
    const start = tf.memory().numTensors;
    const outDir = join(root, task);
    await train({
      datasets: { [task]: fakeDataset(task, { count: 64, side: 16, targetSide: 1 }) },
      outDir, preset: 'tiny', backend: 'wasm', batchSize: 16, steps: 150,
      learningRate: task === 'exemplar' ? 1e-2 : 3e-3, logger: { info: () => undefined, warn: () => undefined }, handleSignals: false,
    });
    const records = (await readFile(join(outDir, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { metrics: { accuracy: number } });
    const last = records.slice(-10).map((r) => r.metrics.accuracy);
    expect(last.reduce((a, b) => a + b, 0) / last.length).toBeGreaterThanOrEqual(0.8);
    expect(tf.memory().numTensors).toBe(start);
  }, 120_000);
});
