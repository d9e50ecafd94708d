// Live streams for `train` with `live`: each task's stream package opened straight on the manifest, no shards.
import { BadInputPolicy, PoolCache, PresetName, ResolvedManifest, Rng, StreamItem, TaskName } from '@mtssl/core';
import { LiveStream } from '@mtssl/trainer';
import { EpochReplay } from './epoch-replay';
import { STREAMS, streamOptionsFor } from './registry';

/**
 * Live streams' pools: their workers yield a contended core to the training step, and run up to four
 * batches (of 16) ahead while a step holds the main thread, whose event loop collects their results only
 * between steps.
 */
export const LIVE_POOL_DEFAULTS = Object.freeze({ niceness: 19, maxInFlight: 64 });

export interface LiveSettings {
  readonly preset: PresetName;
  readonly harmonize: boolean;
  readonly seed: number;
  /** Worker threads per stream: one keeps a core for the training step on a 2-core machine. */
  readonly threads: number;
  readonly policy: BadInputPolicy;
  /** MiB of decoded images each worker keeps between epochs; undefined: the pool's default. */
  readonly decodeCacheMiB?: number;
}

/** Epoch 0 uses the run's seed (so its samples equal the first epoch of preprocessed shards); later epochs a derived one. */
export function epochSeed(seed: number, epoch: number): number {
  return epoch === 0 ? seed : Rng.from(seed, 'live-epoch', epoch).int(0, 2 ** 31 - 2);
}

async function* fromArray(items: readonly StreamItem[]): AsyncGenerator<StreamItem> {
  yield* items;
}

function replayed(items: readonly StreamItem[] | null): AsyncGenerator<StreamItem> | null {
  return items ? fromArray(items) : null;
}

export function liveStreamFor(task: TaskName, manifest: ResolvedManifest, s: LiveSettings): LiveStream {
  const stream = STREAMS[task];
  const options = streamOptionsFor(task, s.preset, s.harmonize);
  const total = stream.defaultTotal(manifest, options);
  // one set of workers for every epoch: starting them each epoch cost more than the epoch's samples on
  // small corpora (motion on the embedded one restarted its worker ~25 times in 120 steps)
  const pools = new PoolCache(LIVE_POOL_DEFAULTS);
  const replay = stream.seedFree ? new EpochReplay() : null;
  const open = (epoch: number, startIndex: number, signal: AbortSignal) =>
    stream.open(manifest, options, { seed: epochSeed(s.seed, epoch), threads: s.threads, policy: s.policy, startIndex, total, signal, pools, decodeCacheMiB: s.decodeCacheMiB });
  return {
    kind: 'live',
    schema: stream.schema(options),
    open: (epoch, startIndex, signal) => {
      if (!replay) return open(epoch, startIndex, signal);
      return replayed(replay.replay(startIndex)) ?? replay.record(open(epoch, startIndex, signal), startIndex, signal);
    },
    close: () => pools.close(),
  };
}
