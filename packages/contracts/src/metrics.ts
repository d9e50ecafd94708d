// One line of a run's metrics.jsonl, as the trainer appends it after each step and eval's report reads
// it back for its training curves.
import type { TaskName } from './tasks';

export interface MetricsRecord {
  /** The step this line reports, counted from 1 (a resumed run drops lines after its checkpoint's step). */
  readonly step: number;
  /** The task whose batch this step trained. */
  readonly task: TaskName;
  /** The loss the step minimised: the head's loss plus the lasso penalty (equal to taskLoss without lasso). */
  readonly loss: number;
  /** The task head's own loss. */
  readonly taskLoss: number;
  /**
   * The head's figures on the batch: `accuracy` for every task, and `iou` for motion. A record written by
   * hand (eval reads those too) may have none.
   */
  readonly metrics: Readonly<Record<string, number>>;
  /** The learning rate of this step's update. */
  readonly lr: number;
  /** Wall time of the step in milliseconds, to 0.1. */
  readonly ms: number;
}
