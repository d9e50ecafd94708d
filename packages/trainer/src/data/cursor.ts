// A position in one dataset: an epoch number and an offset into that epoch's order. Each epoch's
// order is a permutation drawn from (seed, task, epoch) alone, so the state is two integers.
import type { CursorState } from '@mtssl/contracts';
import { Rng } from '@mtssl/core';

// Checkpoints store the state in state.json, whose format is a contract (@mtssl/contracts).
export type { CursorState };

export class DatasetCursor {
  private order: number[] | null = null;
  private orderEpoch = -1;

  constructor(
    readonly key: string,
    readonly count: number,
    readonly seed: number,
    readonly shuffle: boolean,
    private state: CursorState = { epoch: 0, position: 0 },
  ) {}

  get current(): CursorState {
    return this.state;
  }

  /** True when fewer than n positions are left in the current epoch (a batch never spans epochs). */
  exhausted(n: number): boolean {
    return this.state.position + n > this.count;
  }

  /** The next n dataset positions of the current epoch; the caller checks exhausted(n) first. */
  take(n: number): number[] {
    if (this.exhausted(n)) throw new RangeError(`${this.key}: ${n} positions asked, ${this.count - this.state.position} left in epoch ${this.state.epoch}`);
    const order = this.epochOrder();
    const out = order.slice(this.state.position, this.state.position + n);
    this.state = { epoch: this.state.epoch, position: this.state.position + n };
    return out;
  }

  /** Goes back to a state taken from `current` (a batch whose read failed is read again on resume). */
  rewind(to: CursorState): void {
    this.state = to;
  }

  /** Starts the next epoch (a new permutation); the tail too short for a batch is skipped. */
  nextEpoch(): void {
    this.state = { epoch: this.state.epoch + 1, position: 0 };
  }

  private epochOrder(): number[] {
    if (this.order && this.orderEpoch === this.state.epoch) return this.order;
    const order = Array.from({ length: this.count }, (_, i) => i);
    if (this.shuffle) Rng.from(this.seed, 'epoch', this.key, this.state.epoch).shuffle(order);
    this.order = order;
    this.orderEpoch = this.state.epoch;
    return order;
  }
}
