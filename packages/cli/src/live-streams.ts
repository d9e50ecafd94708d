// Live streams for `train --live`: each task's stream package opened straight on the manifest, no shards.
import { BadInputPolicy, PresetName, ResolvedManifest, Rng, TaskName } from '@mtssl/core';
import { LiveStream } from '@mtssl/trainer';
import { STREAMS } from './registry';

export interface LiveSettings {
  readonly preset: PresetName;
  readonly harmonize: boolean;
  readonly seed: number;
  /** Worker threads per stream: one keeps a core for the training step on a 2-core machine. */
  readonly threads: number;
  readonly policy: BadInputPolicy;
}

/** Epoch 0 uses the run's seed (so its samples equal the first epoch of preprocessed shards); later epochs a derived one. */
export function epochSeed(seed: number, epoch: number): number {
  return epoch === 0 ? seed : Rng.from(seed, 'live-epoch', epoch).int(0, 2 ** 31 - 2);
}

export function liveStreamFor(task: TaskName, manifest: ResolvedManifest, s: LiveSettings): LiveStream {
  const stream = STREAMS[task];
  const harmonize = s.harmonize && task !== 'colorization';
  const options = stream.resolveOptions({ ...stream.presets[s.preset], ...(harmonize ? { harmonize: true } : {}) });
  const total = stream.defaultTotal(manifest, options);
  return {
    kind: 'live',
    schema: stream.schema(options),
    open: (epoch, startIndex, signal) =>
      stream.open(manifest, options, { seed: epochSeed(s.seed, epoch), threads: s.threads, policy: s.policy, startIndex, total, signal }),
  };
}
