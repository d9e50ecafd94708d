// The pipeline is the one place that knows every stream package: it maps task names to streams and
// registers the embedded corpus generator for manifests that name it.
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

/** Video tasks need videos, image tasks need images. */
export function taskNeedsVideo(task: TaskName): boolean {
  return task === 'motion';
}

/**
 * Whether a run's `harmonize` applies to a task: colorization has no harmonized variant (its input is
 * the L channel already), every other stream has a `harmonize` option.
 */
export function harmonizedFor(task: TaskName, harmonize: boolean): boolean {
  return harmonize && task !== 'colorization';
}

/** A task's stream options at a preset, harmonized when the run asks and the task has the option. */
export function streamOptionsFor(task: TaskName, preset: PresetName, harmonize: boolean): Readonly<object> {
  const stream = STREAMS[task];
  return stream.resolveOptions({ ...stream.presets[preset], ...(harmonizedFor(task, harmonize) ? { harmonize: true } : {}) });
}
