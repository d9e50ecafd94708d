import { EpochOrder } from './epoch-order';

describe('EpochOrder', () => {
  it('uses every input exactly once per epoch', () => {
    const order = new EpochOrder(7, 'task', 10);
    for (let epoch = 0; epoch < 3; epoch++) {
      const picks = Array.from({ length: 10 }, (_, i) => order.at(epoch * 10 + i));
      expect([...picks].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    }
  });

  it('depends only on seed and epoch, not on the order positions are asked for', () => {
    const forward = new EpochOrder(7, 'task', 6);
    const seq = Array.from({ length: 18 }, (_, k) => forward.at(k));
    // A fresh instance that starts mid-stream (resume) and jumps between epochs agrees.
    const jumping = new EpochOrder(7, 'task', 6);
    for (const k of [13, 2, 17, 0, 8, 5, 12]) expect(jumping.at(k)).toBe(seq[k]);
    // Epochs differ from each other, and another seed or key gives another order.
    expect(seq.slice(0, 6)).not.toEqual(seq.slice(6, 12));
    const otherSeed = Array.from({ length: 18 }, (_, k) => new EpochOrder(8, 'task', 6).at(k));
    const otherKey = Array.from({ length: 18 }, (_, k) => new EpochOrder(7, 'other', 6).at(k));
    expect(otherSeed).not.toEqual(seq);
    expect(otherKey).not.toEqual(seq);
  });

  it('needs at least one input', () => {
    expect(() => new EpochOrder(1, 'task', 0)).toThrow('EpochOrder needs at least one input, got 0');
    expect(() => new EpochOrder(1, 'task', 2.5)).toThrow(RangeError);
  });
});
