// Messages between the stream (main thread) and its workers.
import type { Sample } from '@mtssl/core';
import type { ColorizationOptions } from './options';

export const TASK_KEY = 'colorization';

export interface ColorizationTask {
  readonly index: number;
  readonly file: string;
  readonly seed: number;
  readonly options: Readonly<ColorizationOptions>;
}

export type ColorizationResult =
  | { readonly ok: true; readonly index: number; readonly sample: Sample }
  | { readonly ok: false; readonly index: number; readonly file: string; readonly reason: string; readonly grayscale: boolean };
