// The messages between the stream and its worker threads.
import type { RelativePositionOptions } from './options';

export const TASK_KEY = 'relative-position';

export interface PairTask {
  readonly index: number;
  readonly file: string;
  readonly seed: number;
  readonly options: Readonly<RelativePositionOptions>;
}
