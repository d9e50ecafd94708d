import type { StreamItem } from '@mtssl/core';
import { EpochReplay } from './epoch-replay';

async function* items(indices: number[], bytes = 4): AsyncGenerator<StreamItem> {
  for (const index of indices) yield { index, sample: { x: new Uint8Array(bytes).fill(index) } };
}

async function drain(it: AsyncIterable<StreamItem>): Promise<number[]> {
  const out: number[] = [];
  for await (const item of it) out.push(item.index);
  return out;
}

describe('EpochReplay', () => {
  const signal = new AbortController().signal;

  it('keeps a whole epoch opened at 0 and replays it from any position', async () => {
    const r = new EpochReplay();
    expect(r.replay(0)).toBeNull();
    expect(await drain(r.record(items([0, 1, 3, 4]), 0, signal))).toEqual([0, 1, 3, 4]);
    expect(r.replay(0)?.map((i) => i.index)).toEqual([0, 1, 3, 4]);
    expect(r.replay(2)?.map((i) => i.index)).toEqual([3, 4]);
  });

  it('keeps nothing from an epoch opened mid-way, left early, aborted or over its budget', async () => {
    const midway = new EpochReplay();
    await drain(midway.record(items([3, 4]), 3, signal));
    expect(midway.replay(0)).toBeNull();

    const left = new EpochReplay();
    for await (const item of left.record(items([0, 1, 2]), 0, signal)) if (item.index === 1) break;
    expect(left.replay(0)).toBeNull();

    const aborted = new AbortController();
    const cut = new EpochReplay();
    for await (const item of cut.record(items([0, 1]), 0, aborted.signal)) if (item.index === 1) aborted.abort();
    expect(cut.replay(0)).toBeNull();

    const big = new EpochReplay(10);
    expect(await drain(big.record(items([0, 1, 2], 4), 0, signal))).toEqual([0, 1, 2]);
    expect(big.replay(0)).toBeNull();
  });
});
