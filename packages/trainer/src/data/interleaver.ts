// Chooses the task of each single-head step: in turn, or drawn by weight from a seeded generator
// whose state is saved with checkpoints.
import type { InterleaverState } from '@mtssl/contracts';
import { Rng, TaskName } from '@mtssl/core';

export const INTERLEAVE_MODES = ['round-robin', 'weighted'] as const;
export type InterleaveMode = (typeof INTERLEAVE_MODES)[number];

// Checkpoints store the state in state.json, whose format is a contract (@mtssl/contracts).
export type { InterleaverState };

export class Interleaver {
  private active: TaskName[];
  private turn: number;
  private readonly rng: Rng;

  constructor(
    tasks: readonly TaskName[],
    readonly mode: InterleaveMode,
    private readonly weights: Readonly<Partial<Record<TaskName, number>>>,
    seed: number,
    state?: InterleaverState,
  ) {
    this.active = [...(state?.active ?? tasks)];
    this.turn = state?.turn ?? 0;
    this.rng = state ? Rng.fromState(state.rng) : Rng.from(seed, 'interleaver');
  }

  get tasks(): readonly TaskName[] {
    return this.active;
  }

  /** The next step's task, or null once every task has been dropped. */
  next(): TaskName | null {
    if (this.active.length === 0) return null;
    if (this.mode === 'round-robin') {
      const task = this.active[this.turn % this.active.length] as TaskName;
      this.turn = (this.turn + 1) % this.active.length;
      return task;
    }
    return this.draw();
  }

  private draw(): TaskName {
    const w = this.active.map((t) => this.weights[t] ?? 1);
    let u = this.rng.next() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < w.length; i++) {
      u -= w[i] as number;
      if (u < 0) return this.active[i] as TaskName;
    }
    return this.active[this.active.length - 1] as TaskName;
  }

  /** Removes a task whose stream ran out; the rotation carries on with the rest. */
  drop(task: TaskName): void {
    const at = this.active.indexOf(task);
    if (at < 0) return;
    this.active.splice(at, 1);
    // tasks after the removed one slide down a slot; keep pointing at the same next task
    if (at < this.turn) this.turn--;
    if (this.turn >= this.active.length) this.turn = 0;
  }

  state(): InterleaverState {
    return { active: [...this.active], turn: this.turn, rng: this.rng.state() };
  }
}
