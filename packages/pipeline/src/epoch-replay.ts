// One epoch of a seed-free stream (motion), kept for a live `train` to replay: every epoch of such a stream
// holds the same samples, and recomputing them (ffmpeg, masks) cost more CPU than training on them.
import type { StreamItem } from '@mtssl/core';

/** Epochs above this many bytes of samples are streamed again each time instead of kept. */
export const REPLAY_MAX_BYTES = 256 * 2 ** 20;

export class EpochReplay {
  private kept: StreamItem[] | null = null;

  constructor(private readonly maxBytes = REPLAY_MAX_BYTES) {}

  /** The kept epoch's items from startIndex on, or null while no whole epoch is kept. */
  replay(startIndex: number): StreamItem[] | null {
    return this.kept ? this.kept.filter((item) => item.index >= startIndex) : null;
  }

  /** Passes a stream through; a whole epoch (opened at position 0 and run to its end) within the budget is kept. */
  async *record(items: AsyncIterable<StreamItem>, startIndex: number, signal: AbortSignal): AsyncGenerator<StreamItem> {
    let held: StreamItem[] | null = startIndex === 0 && this.kept === null ? [] : null;
    let bytes = 0;
    for await (const item of items) {
      if (held) {
        for (const v of Object.values(item.sample)) bytes += v.byteLength;
        held = bytes <= this.maxBytes ? (held.push(item), held) : null;
      }
      yield item;
    }
    if (held && !signal.aborted) this.kept = held;
  }
}
