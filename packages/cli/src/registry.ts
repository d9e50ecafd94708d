// The CLI is the one place that knows every package: it maps task names to stream packages and
// registers the embedded corpus generator for manifests that name it.
import { CorpusGenerator, PretextStream, TaskName } from '@mtssl/core';
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
