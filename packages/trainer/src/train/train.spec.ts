import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetWriter, TASKS, TaskName } from '@mtssl/core';
import { fakeDataset } from '../testing/fake-datasets';
import { DatasetCursor } from '../data/cursor';
import { TrainingDataset } from '../data/training-dataset';
import { TrainInput, TrainLogger } from './options';
import { train } from './train';
import { createTrunk, loadTrunk } from './trunk';
import { latestCheckpoint, readModelJson } from './checkpoint';
import { readWeights } from './weights-io';

const quiet: TrainLogger = { info: () => undefined, warn: () => undefined };
let root: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'mtssl-train-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// 16-pixel samples: the tiny trunk maps them to 1x1 features, which keeps cpu steps short
function fakes(tasks: readonly TaskName[], count = 16): Partial<Record<TaskName, TrainingDataset>> {
  return Object.fromEntries(tasks.map((t) => [t, fakeDataset(t, { count, side: 16, targetSide: 1 })]));
}

function base(outDir: string, tasks: readonly TaskName[]): TrainInput {
  return {
    datasets: fakes(tasks),
    outDir,
    preset: 'tiny',
    backend: 'cpu',
    batchSize: 4,
    learningRate: 1e-3,
    logger: quiet,
    handleSignals: false,
  };
}

async function weightsOf(runDir: string): Promise<Record<string, Float32Array>> {
  const ckpt = (await latestCheckpoint(runDir)) as string;
  const json = await readModelJson(ckpt);
  const map = await readWeights(ckpt, json.weightsManifest[0]!);
  const out = Object.fromEntries(Object.entries(map).map(([k, t]) => [k, t.dataSync() as Float32Array]));
  tf.dispose(Object.values(map));
  return out;
}

describe('train (tiny, cpu)', () => {
  it.each(TASKS.map((t) => [t]))('lowers the %s loss on a learnable fake', async (task) => {
    const start = tf.memory().numTensors;
    const result = await train({ ...base(join(root, `learn-${task}`), [task]), steps: 12, batchSize: 8, learningRate: task === 'exemplar' ? 1e-2 : 3e-3, datasets: fakes([task], 32) });
    const summary = result.tasks[task]!;
    const lines = (await readFile(join(root, `learn-${task}`, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { taskLoss: number });
    const mean = (xs: { taskLoss: number }[]) => xs.reduce((a, r) => a + r.taskLoss, 0) / xs.length;
    expect(lines).toHaveLength(12);
    expect(mean(lines.slice(-4))).toBeLessThan(mean(lines.slice(0, 4)));
    expect(summary.steps).toBe(12);
    console.log(`${task}: loss ${mean(lines.slice(0, 4)).toFixed(3)} -> ${mean(lines.slice(-4)).toFixed(3)}, ${result.msPerStep.toFixed(0)} ms/step`);
    expect(tf.memory().numTensors).toBe(start);
  });

  it("runs each task's optimizer at the scheduled rate times its taskLrScale", async () => {
    const out = join(root, 'lr-scale');
    await train({ ...base(out, ['relative-position', 'motion']), steps: 4, learningRate: 0.002, taskLrScale: { motion: 3 } });
    const lines = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { task: string; lr: number });
    expect(lines.map((r) => [r.task, r.lr])).toEqual([
      ['relative-position', 0.002],
      ['motion', 0.006],
      ['relative-position', 0.002],
      ['motion', 0.006],
    ]);
  });

  it('with trunkGradNorm, scales the trunk step (other weights, same seed) and stays deterministic', async () => {
    const opts = { ...base('', ['relative-position', 'motion']), steps: 2, learningRate: 0.01 };
    await train({ ...opts, outDir: join(root, 'plain'), datasets: fakes(['relative-position', 'motion']) });
    await train({ ...opts, outDir: join(root, 'normed-a'), trunkGradNorm: 0.01, datasets: fakes(['relative-position', 'motion']) });
    await train({ ...opts, outDir: join(root, 'normed-b'), trunkGradNorm: 0.01, datasets: fakes(['relative-position', 'motion']) });
    const plain = await weightsOf(join(root, 'plain'));
    const a = await weightsOf(join(root, 'normed-a'));
    const b = await weightsOf(join(root, 'normed-b'));
    const trunk = Object.keys(a).filter((n) => n.includes('trunk/'));
    expect(trunk.length).toBeGreaterThan(0);
    for (const name of Object.keys(a)) expect(Array.from(b[name]!)).toEqual(Array.from(a[name]!));
    expect(trunk.some((n) => Array.from(a[n]!).some((v, i) => v !== plain[n]![i]))).toBe(true);
  });

  it('resumes to the same weights as an unbroken run', async () => {
    const opts = { ...base('', TASKS), interleave: 'weighted' as const, checkpointEvery: 100 };
    await train({ ...opts, outDir: join(root, 'straight'), steps: 4, datasets: fakes(TASKS) });
    await train({ ...opts, outDir: join(root, 'broken'), steps: 2, datasets: fakes(TASKS) });
    const resumed = await train({ ...opts, outDir: join(root, 'broken'), steps: 4, resume: true, datasets: fakes(TASKS) });
    expect(resumed.step).toBe(4);
    const a = await weightsOf(join(root, 'straight'));
    const b = await weightsOf(join(root, 'broken'));
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const name of Object.keys(a)) expect(Array.from(b[name]!)).toEqual(Array.from(a[name]!));
  });

  it('refuses to start over a run without resume, and keeps the log in step with the checkpoint', async () => {
    const outDir = join(root, 'again');
    await train({ ...base(outDir, ['motion']), steps: 2 });
    await expect(train({ ...base(outDir, ['motion']), steps: 2 })).rejects.toThrow(/already holds a run .*resume it/);
    // A step logged after the last checkpoint (the process was killed) is dropped on resume and run again.
    await appendFile(join(outDir, 'metrics.jsonl'), `${JSON.stringify({ step: 3, task: 'motion', lost: true })}\n`);
    await train({ ...base(outDir, ['motion']), steps: 4, resume: true });
    const lines = (await readFile(join(outDir, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { step: number; lost?: boolean });
    expect(lines.map((l) => l.step)).toEqual([1, 2, 3, 4]);
    expect(lines.some((l) => l.lost)).toBe(false);
  });

  it('removes a checkpoint a killed run left half-written, and says so', async () => {
    const outDir = join(root, 'stale');
    await train({ ...base(outDir, ['motion']), steps: 2 });
    // what kill -9 during a checkpoint write leaves: the temporary folder, never renamed into place
    await mkdir(join(outDir, '.ckpt-00000004.tmp-4242'), { recursive: true });
    await writeFile(join(outDir, '.ckpt-00000004.tmp-4242', 'weights.bin'), Buffer.alloc(1024));
    const lines: string[] = [];
    await train({ ...base(outDir, ['motion']), steps: 4, resume: true, logger: { info: (l) => lines.push(l), warn: (l) => lines.push(l) } });
    expect(lines).toContain('removed .ckpt-00000004.tmp-4242, a checkpoint a killed run left half-written');
    expect((await readdir(outDir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect((await readdir(outDir)).filter((n) => n.startsWith('ckpt-'))).toEqual(['ckpt-00000004']);
  });

  it('shrinks the lasso alphas under the L1 penalty', async () => {
    const opts = { ...base('', ['motion']), lasso: true, steps: 6, model: { units: [1, 1, 3] as [number, number, number] } };
    await train({ ...opts, outDir: join(root, 'lasso-off'), lassoWeight: 0 });
    await train({ ...opts, outDir: join(root, 'lasso-on'), lassoWeight: 5 });
    const l1 = async (dir: string) => {
      const trunk = await loadTrunk(dir);
      const alphas = trunk.lassoAlphas()!;
      trunk.dispose();
      expect(alphas['eval']).toHaveLength(3);
      return alphas['motion']!.reduce((s, v) => s + Math.abs(v), 0);
    };
    expect(await l1(join(root, 'lasso-on'))).toBeLessThan((await l1(join(root, 'lasso-off'))) - 0.01);
  });

  it('stops on SIGINT with a checkpoint', async () => {
    const logger: TrainLogger = { info: (l) => l.startsWith('step 2/') && process.emit('SIGINT'), warn: () => undefined };
    const result = await train({ ...base(join(root, 'sigint'), ['exemplar']), steps: 50, logEvery: 1, logger, handleSignals: true });
    expect(result.stoppedBy).toBe('signal');
    expect(result.step).toBe(2);
    expect(result.checkpoint).toBe(join(root, 'sigint', 'ckpt-00000002'));
  });

  it('applies the exhaustion policies', async () => {
    const stop = await train({ ...base(join(root, 'stop'), ['motion', 'exemplar']), steps: 20, onExhausted: 'stop', datasets: fakes(['motion', 'exemplar'], 8) });
    expect(stop.stoppedBy).toBe('exhausted');
    expect(stop.step).toBe(4);
    const drop = await train({
      ...base(join(root, 'drop'), ['motion', 'exemplar']),
      steps: 20,
      onExhausted: 'drop-task',
      datasets: { motion: fakes(['motion'], 8).motion!, exemplar: fakes(['exemplar'], 16).exemplar! },
    });
    expect(drop.stoppedBy).toBe('exhausted');
    expect(drop.tasks.motion!.steps).toBe(2);
    expect(drop.tasks.exemplar!.steps).toBe(4);
  });

  it('records the datasets\' harmonization and warns on disagreement', async () => {
    const warnings: string[] = [];
    const result = await train({
      ...base(join(root, 'harm'), ['relative-position']),
      steps: 1,
      harmonize: true,
      logger: { info: () => undefined, warn: (l) => warnings.push(l) },
    });
    expect(result.harmonized).toEqual({ 'relative-position': false });
    expect(warnings.join('\n')).toContain('relative-position: the dataset says harmonized=false but the run asked for harmonize=true');
  });

  it('trains from shard directories written by core', async () => {
    const dirs: Partial<Record<TaskName, string>> = {};
    for (const task of ['colorization', 'motion'] as const) {
      const fake = fakes([task], 8)[task]!;
      const dir = join(root, 'shards', task);
      const writer = await DatasetWriter.open(dir, fake.schema, { samplesPerShard: 5 });
      for (let i = 0; i < fake.count; i++) await writer.write({ index: i, sample: await fake.read(i) });
      await writer.finish({ extras: task === 'colorization' ? { rebalance: fake.extras!['rebalance'] } : {} });
      dirs[task] = dir;
    }
    const warnings: string[] = [];
    const result = await train({ ...base(join(root, 'from-shards'), []), datasets: dirs, steps: 3, logger: { info: () => undefined, warn: (l) => warnings.push(l) } });
    expect(result.step).toBe(3);
    expect(warnings).toEqual([]);
  });

  it('on a damaged shard mid-run: one data error, a checkpoint of the steps done, and after repair --resume equals an unbroken run', async () => {
    const fake = fakes(['motion'], 16).motion!;
    const dir = join(root, 'damaged', 'motion');
    const writer = await DatasetWriter.open(dir, fake.schema, { samplesPerShard: 64 });
    for (let i = 0; i < fake.count; i++) await writer.write({ index: i, sample: await fake.read(i) });
    await writer.finish();
    const shard = join(dir, 'motion-00000.tfrecord');
    const good = await readFile(shard);
    // the records of the second batch (epoch 0's shuffled order, positions 4..7) are damaged
    const order = new DatasetCursor('motion', 16, 0, true).take(8).slice(4);
    const index = JSON.parse(await readFile(join(dir, 'motion-00000.index.json'), 'utf8')) as { offsets: number[] };
    const damaged = Buffer.from(good);
    for (const p of order) damaged[(index.offsets[p] as number) + 20] ^= 0xff;
    await writeFile(shard, damaged);
    const opts = { ...base(join(root, 'damaged-run'), []), datasets: { motion: dir }, steps: 6 };
    const error = (await train(opts).catch((e: Error) => e)) as Error;
    expect(error.name).toBe('ShardError');
    expect(error.message).toMatch(/the 1 steps done are in .*ckpt-00000001 \(repair or rebuild the data, then --resume\)$/);
    await writeFile(shard, good);
    await train({ ...opts, resume: true });
    const straight = { ...base(join(root, 'undamaged-run'), []), datasets: { motion: dir }, steps: 6 };
    await train(straight);
    const weights = async (out: string) => {
      const ckpt = (await latestCheckpoint(out)) as string;
      return readWeights(ckpt, (await readModelJson(ckpt)).weightsManifest[0]!);
    };
    const [a, b] = [await weights(opts.outDir), await weights(straight.outDir)];
    for (const name of Object.keys(a)) expect(Array.from(b[name]!.dataSync())).toEqual(Array.from(a[name]!.dataSync()));
    tf.dispose([...Object.values(a), ...Object.values(b)]);
  });

  it('fails before the first step on a schema mismatch', async () => {
    const col = fakeDataset('colorization', { count: 8, side: 64, targetSide: 8 });
    await expect(train({ ...base(join(root, 'mismatch'), []), datasets: { colorization: col }, steps: 1 })).rejects.toThrow(
      "colorization: ab_bins is [8,8,2] but the model's colorization head outputs 4x4 at input 64 with output stride 16; set targetSize 4 or use stride8",
    );
  });
});

describe('trunk API', () => {
  it('computes block-3 features from a fresh or a trained trunk', async () => {
    const start = tf.memory().numTensors;
    const fresh = createTrunk('tiny', 3);
    const images = tf.zeros([2, 32, 32, 3]) as tf.Tensor4D;
    const f = fresh.features(images);
    expect(f.shape).toEqual([2, 2, 2, 64]);
    expect(fresh.variables.length).toBeGreaterThan(10);
    expect(fresh.lassoAlphas()).toBeNull();
    f.dispose();
    fresh.dispose();
    const trained = await loadTrunk(join(root, 'harm'));
    const g = trained.features(images);
    expect(g.shape).toEqual([2, 2, 2, 64]);
    g.dispose();
    trained.dispose();
    images.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('gives every block to a probe and trains with batch statistics that move the BN averages', () => {
    const start = tf.memory().numTensors;
    const trunk = createTrunk('tiny', 3);
    const images = tf.randomUniform([4, 32, 32, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
    const blocks = trunk.blockFeatures(images);
    expect(blocks.map((b) => b.shape[3])).toEqual([16, 32, 64]);
    const last = trunk.features(images);
    expect(Array.from(last.dataSync())).toEqual(Array.from((blocks[2] as tf.Tensor).dataSync()));
    const before = tf.tidy(() => tf.sum(trunk.features(images)).dataSync()[0] as number);
    const opt = tf.train.sgd(0.01);
    const loss = opt.minimize(() => tf.mean(tf.square(trunk.trainingFeatures(images))) as tf.Scalar, true, [...trunk.variables]);
    trunk.commitBatchStats(0.5);
    const after = tf.tidy(() => tf.sum(trunk.features(images)).dataSync()[0] as number);
    expect(after).not.toBeCloseTo(before, 3);
    tf.dispose([...blocks, last, loss as tf.Scalar, images]);
    opt.dispose();
    trunk.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('train (invalid parameters)', () => {
  const ok = (): TrainInput => base(join(root, 'invalid'), ['motion']);
  it.each([
    [{ batchSize: 0 }, 'batchSize must be a positive integer, got 0'],
    [{ steps: -1 }, 'steps must be a non-negative integer, got -1'],
    [{ learningRate: 0 }, 'learningRate must be a number in'],
    [{ preset: 'huge' }, 'preset must be one of'],
    [{ onExhausted: 'wait' }, 'onExhausted must be one of "cycle", "stop", "drop-task", got "wait"'],
    [{ interleave: 'random' }, 'interleave must be one of'],
    [{ datasets: {} }, 'datasets must name at least one task'],
    [{ datasets: { jigsaw: 'x' } }, 'datasets: unknown task "jigsaw"'],
    [{ taskWeights: { motion: -1 }, interleave: 'weighted' }, 'taskWeights.motion must be a number in'],
    [{ taskWeights: { motion: 2 } }, "taskWeights apply only with interleave 'weighted', got interleave 'round-robin'"],
    [{ taskWeights: { motion: 0 }, interleave: 'weighted' }, 'taskWeights: every trained task (motion) has weight 0'],
    [{ taskLrScale: { motion: 0 } }, 'taskLrScale.motion must be a number in'],
    [{ taskLrScale: { jigsaw: 2 } }, 'taskLrScale: unknown task "jigsaw"'],
    [{ trunkGradNorm: 0 }, 'trunkGradNorm must be a number in'],
    [{ checkpointEvery: 0 }, 'checkpointEvery must be a positive integer, got 0'],
    [{ lasso: 'yes' }, 'lasso must be a boolean, got "yes"'],
    [{ backend: 'gpu' }, 'backend must be one of'],
    [{ wasmThreads: 0 }, 'wasmThreads must be a positive integer, got 0'],
    [{ wasmThreads: 9 }, 'wasmThreads must be a number in [1, 8], got 9'],
    [{ winograd: 'yes' }, 'winograd must be a boolean, got "yes"'],
    [{ stepz: 3 }, 'train: unknown option "stepz"'],
  ])('rejects %p', async (bad, message) => {
    await expect(train({ ...ok(), ...(bad as object) } as TrainInput)).rejects.toThrow(message);
  });

  it('rejects a dataset smaller than the batch', async () => {
    await expect(train({ ...ok(), datasets: fakes(['motion'], 2), steps: 1 })).rejects.toThrow('motion: the dataset holds 2 samples, fewer than batchSize 4');
  });
});
