// The messages between the stream and its worker threads.
import type { Sample } from '@mtssl/core';
import type { RelativePositionOptions } from './options';

export const TASK_KEY = 'relative-position';

export interface PairTask {
  readonly index: number;
  readonly file: string;
  readonly seed: number;
  readonly options: Readonly<RelativePositionOptions>;
}

/** A worker's answer for one stream position: a sample, or the input that made it impossible. */
export type PositionResult =
  | { readonly ok: true; readonly index: number; readonly sample: Sample }
  | { readonly ok: false; readonly index: number; readonly file: string; readonly reason: string };
