import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamItem, TaskName } from '@mtssl/core';
import { fakeDataset } from '../testing/fake-datasets';
import { LiveStream } from '../data/training-dataset';
import { LiveTaskSource } from '../data/live-source';
import { TrainInput } from './options';
import { train } from './train';
import { latestCheckpoint, readModelJson } from './checkpoint';
import { readWeights } from './weights-io';

const quiet = { info: (): void => undefined, warn: (): void => undefined };
let root: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'mtssl-live-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface FakeLive extends LiveStream {
  readonly opened: Array<[number, number]>;
  readonly signals: AbortSignal[];
}

/** A live stream over a fake dataset: 10 positions an epoch, positions 3 and 7 skipped (bad inputs). */
function fakeLive(task: TaskName, positions = 10): FakeLive {
  const data = fakeDataset(task, { count: positions, side: 16, targetSide: 1 });
  const opened: Array<[number, number]> = [];
  const signals: AbortSignal[] = [];
  return {
    kind: 'live',
    schema: data.schema,
    opened,
    signals,
    open(epoch, startIndex, signal) {
      opened.push([epoch, startIndex]);
      signals.push(signal);
      return (async function* (): AsyncGenerator<StreamItem> {
        for (let index = startIndex; index < positions && !signal.aborted; index++) {
          // Epochs differ (the epoch shifts which sample a position draws), as re-seeded streams do.
          if (index % 4 !== 3) yield { index, sample: await data.read((index + epoch) % positions) };
        }
      })();
    },
  };
}

function base(outDir: string, live: Partial<Record<TaskName, LiveStream>>): TrainInput {
  return { datasets: live, outDir, preset: 'tiny', backend: 'cpu', batchSize: 4, logger: quiet, handleSignals: false, checkpointEvery: 100 };
}

async function weightsOf(runDir: string): Promise<Record<string, number[]>> {
  const ckpt = (await latestCheckpoint(runDir)) as string;
  const json = await readModelJson(ckpt);
  const map = await readWeights(ckpt, json.weightsManifest[0]!);
  const out = Object.fromEntries(Object.entries(map).map(([k, t]) => [k, Array.from(t.dataSync())]));
  tf.dispose(Object.values(map));
  return out;
}

describe('training from live streams', () => {
  it('reads in stream order across epochs and skipped positions', async () => {
    const live = fakeLive('motion');
    const source = new LiveTaskSource('motion', live, 'cycle', undefined);
    const states = [];
    for (let i = 0; i < 3; i++) {
      const batch = await source.next(4);
      tf.dispose(Object.values(batch!).filter((v): v is tf.Tensor => v instanceof tf.Tensor));
      states.push(source.current);
    }
    // 8 samples an epoch (positions 3 and 7 skipped): 0 1 2 4 | 5 6 8 9 | epoch 1: 0 1 2 4
    expect(states).toEqual([{ epoch: 0, position: 5 }, { epoch: 0, position: 10 }, { epoch: 1, position: 5 }]);
    // epochs open in turn; the next may already be open, pulled ahead while the trainer computed
    expect(live.opened.slice(0, 2)).toEqual([[0, 0], [1, 0]]);
    expect(live.opened.map(([epoch]) => epoch)).toEqual([...live.opened.keys()]);
    await source.dispose();
    expect(live.signals.every((s) => s.aborted)).toBe(true);
  });

  it('trains two tasks from live streams and resumes to the same weights as an unbroken run', async () => {
    const start = tf.memory().numTensors;
    const streams = (): Partial<Record<TaskName, LiveStream>> => ({ 'relative-position': fakeLive('relative-position'), motion: fakeLive('motion') });
    const straight = await train({ ...base(join(root, 'straight'), streams()), steps: 6 });
    await train({ ...base(join(root, 'broken'), streams()), steps: 3 });
    const resumedStreams = streams();
    const resumed = await train({ ...base(join(root, 'broken'), resumedStreams), steps: 6, resume: true });
    expect([straight.step, resumed.step]).toEqual([6, 6]);
    // The resumed run reopened each stream where the first run stopped, not at position 0.
    expect((resumedStreams.motion as FakeLive).opened[0]).not.toEqual([0, 0]);
    const a = await weightsOf(join(root, 'straight'));
    const b = await weightsOf(join(root, 'broken'));
    for (const name of Object.keys(a)) expect(b[name]).toEqual(a[name]);
    const state = JSON.parse(await readFile(join((await latestCheckpoint(join(root, 'broken')))!, 'state.json'), 'utf8')) as { config: { datasets: Record<string, string> } };
    expect(state.config.datasets['motion']).toBe('(live stream)');
    expect(tf.memory().numTensors).toBe(start);
  });

  it("stops at the end of an epoch with onExhausted 'stop'", async () => {
    const result = await train({ ...base(join(root, 'stop'), { motion: fakeLive('motion') }), steps: 10, onExhausted: 'stop' });
    expect(result.stoppedBy).toBe('exhausted');
    expect(result.step).toBe(2); // 8 samples: two batches of 4, then the epoch ends
  });

  it('fails clearly when a stream yields nothing in a whole epoch', async () => {
    const empty: LiveStream = {
      kind: 'live',
      schema: fakeDataset('motion', { count: 1, side: 16, targetSide: 1 }).schema,
      open: () =>
        (async function* (): AsyncGenerator<StreamItem> {
          // every position of the epoch is a bad input: nothing to yield
        })(),
    };
    await expect(train({ ...base(join(root, 'empty'), { motion: empty }), steps: 2 })).rejects.toThrow('motion: the live stream yielded no sample in a whole epoch');
  });
});
