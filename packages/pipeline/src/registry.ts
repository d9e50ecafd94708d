// The pipeline is the one place that knows every stream package: it maps task names to streams and
// registers the embedded corpus generator for manifests that name it.
import { HARMONIZABLE } from '@mtssl/contracts';
import { CorpusGenerator, PresetName, PretextStream, TaskName } from '@mtssl/core';
import { colorizationStream } from '@mtssl/colorization';
import { exemplarStream } from '@mtssl/exemplar';
import { motionStream } from '@mtssl/motion';
import { relativePositionStream } from '@mtssl/relative-position';
import { ensureDefaultCorpus } from '@mtssl/tools';

export type AnyStream = PretextStream<object>;

export const STREAMS: Readonly<Record<TaskName, AnyStream>> = Object.freeze({
  'relative-position': relativePositionStream as unknown as AnyStream,
  colorization: colorizationStream as unknown as AnyStream,
  exemplar: exemplarStream as unknown as AnyStream,
  motion: motionStream as unknown as AnyStream,
});

export const GENERATORS: Readonly<Record<string, CorpusGenerator>> = Object.freeze({
  'default-corpus': (root: string) => ensureDefaultCorpus(root),
});

/** Whether a task samples from a manifest's videos (motion) rather than its images: its stream says. */
export function taskNeedsVideo(task: TaskName): boolean {
  return STREAMS[task].source === 'videos';
}

/** Whether a run's `harmonize` applies to a task: only to streams with a harmonized variant (contracts). */
export function harmonizedFor(task: TaskName, harmonize: boolean): boolean {
  return harmonize && HARMONIZABLE[task];
}

/** Whether a finished dataset also holds what its stream's finalize pass writes (colorization's rebalancing). */
export function hasFinalizedExtras(task: TaskName, extras: Readonly<Record<string, unknown>>): boolean {
  return (STREAMS[task].finalizedExtras ?? []).every((key) => key in extras);
}

/** A task's stream options at a preset, harmonized when the run asks and the task has the option. */
export function streamOptionsFor(task: TaskName, preset: PresetName, harmonize: boolean): Readonly<object> {
  const stream = STREAMS[task];
  return stream.resolveOptions({ ...stream.presets[preset], ...(harmonizedFor(task, harmonize) ? { harmonize: true } : {}) });
}
