// The messages between the stream and its worker threads.
import type { ExemplarOptions } from './options';

export const TASK_KEY = 'exemplar';

/** One seed patch: a pseudo-class, identified by its image and its number within that image. */
export interface SeedRef {
  readonly image: number;
  readonly seedNo: number;
  readonly file: string;
}

export interface TripletTask {
  readonly index: number;
  readonly seed: number;
  readonly anchor: SeedRef;
  /** Negative candidates in order: the first readable one is used, so a bad image costs no good anchor its sample. */
  readonly negatives: readonly SeedRef[];
  readonly options: Readonly<ExemplarOptions>;
}
