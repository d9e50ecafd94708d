// Which input serves stream position k: a seeded permutation per epoch, so every input is used
// once per epoch in an order that depends only on (seed, epoch), never on workers or resume.
import { Rng } from '../samples';

export class EpochOrder {
  private epoch = -1;
  private perm: number[] = [];

  constructor(
    private readonly seed: number,
    private readonly key: string,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size <= 0) throw new RangeError(`EpochOrder needs at least one input, got ${size}`);
  }

  /** The input index for stream position k. */
  at(k: number): number {
    const epoch = Math.floor(k / this.size);
    if (epoch !== this.epoch) {
      this.perm = Rng.from(this.seed, this.key, 'epoch', epoch).shuffle(Array.from({ length: this.size }, (_, i) => i));
      this.epoch = epoch;
    }
    return this.perm[k - epoch * this.size] as number;
  }
}
