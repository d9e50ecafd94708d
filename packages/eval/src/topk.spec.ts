import { topKAccuracy } from './topk';

describe('topKAccuracy', () => {
  const scores = Float32Array.from([
    0.9, 0.1, 0.0, // label 0: rank 0
    0.5, 0.2, 0.3, // label 1: rank 2
    0.4, 0.4, 0.1, // label 1 tied with class 0: index breaks the tie, rank 1
  ]);
  const labels = Int32Array.from([0, 1, 1]);
  it('counts the true class within the k best', () => {
    expect(topKAccuracy(scores, labels, 3, 1)).toBeCloseTo(1 / 3);
    expect(topKAccuracy(scores, labels, 3, 2)).toBeCloseTo(2 / 3);
    expect(topKAccuracy(scores, labels, 3, 3)).toBe(1);
  });
  it('does not count a tie as a hit when a lower index wins it', () => {
    expect(topKAccuracy(Float32Array.from([1, 1]), Int32Array.from([1]), 2, 1)).toBe(0);
    expect(topKAccuracy(Float32Array.from([1, 1]), Int32Array.from([0]), 2, 1)).toBe(1);
  });
  it('is 0 for no samples', () => {
    expect(topKAccuracy(new Float32Array(0), new Int32Array(0), 3, 1)).toBe(0);
  });
});
