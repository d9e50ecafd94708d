// Pulls an async source ahead of its consumer into a bounded queue. A live stream only hands its workers
// new positions while someone pulls it; without this the workers sat idle during every training step and
// the trainer then waited for a batch's samples to be made.

export class Prefetcher<T> {
  private readonly ready: Array<IteratorResult<T>> = [];
  private waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  private failure: { error: unknown } | null = null;
  private pumping = false;
  private finished = false;
  private stopped = false;

  constructor(
    private readonly source: AsyncIterator<T>,
    /** Items held ahead of the consumer (the source's own in-flight work comes on top). */
    private readonly capacity: number,
  ) {
    void this.pump();
  }

  /** The next item, waiting only if none is ready; a source error arrives here, in order. */
  next(): Promise<IteratorResult<T>> {
    const item = this.ready.shift();
    if (item) {
      void this.pump();
      return Promise.resolve(item);
    }
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      void this.pump();
    });
  }

  /** Stops pulling and closes the source (its workers). */
  async return(): Promise<void> {
    this.stopped = true;
    await this.source.return?.();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.stopped && !this.finished && !this.failure && (this.waiter || this.ready.length < this.capacity)) {
        let result: IteratorResult<T>;
        try {
          result = await this.source.next();
        } catch (error) {
          this.failure = { error };
          this.take()?.reject(error);
          return;
        }
        if (result.done) this.finished = true;
        const waiter = this.take();
        if (waiter) waiter.resolve(result);
        else if (!result.done) this.ready.push(result);
      }
    } finally {
      this.pumping = false;
    }
  }

  private take(): { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null {
    const w = this.waiter;
    this.waiter = null;
    return w;
  }
}
