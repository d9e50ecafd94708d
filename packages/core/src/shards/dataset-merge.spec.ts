import { parsePartSpec, partDir, partRange } from './dataset-merge';

describe('partRange', () => {
  it('tiles [0, total) with contiguous ranges whose sizes differ by at most one', () => {
    for (const [total, of] of [[30, 3], [31, 4], [5, 8], [0, 2], [1000, 7]] as const) {
      const ranges = Array.from({ length: of }, (_, index) => partRange(total, { index, of }));
      expect(ranges[0]?.start).toBe(0);
      expect(ranges[of - 1]?.end).toBe(total);
      ranges.slice(1).forEach((r, i) => expect(r.start).toBe(ranges[i]?.end));
      const sizes = ranges.map((r) => r.end - r.start);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('puts part i of N beside the dataset folder', () => {
    expect(partDir('/s/motion', { index: 2, of: 4 })).toBe('/s/motion.parts/2-of-4');
  });
});

describe('parsePartSpec: invalid parameters', () => {
  it('reads i/N and names what is wrong otherwise', () => {
    expect(parsePartSpec(' 1/4 ')).toEqual({ index: 1, of: 4 });
    expect(() => parsePartSpec('4/4')).toThrow('shard i/N needs 0 <= i < N, got 4/4');
    expect(() => parsePartSpec('0/0')).toThrow('shard i/N needs 0 <= i < N, got 0/0');
    expect(() => parsePartSpec('-1/2')).toThrow('shard must look like i/N (e.g. 0/4), got "-1/2"');
    expect(() => parsePartSpec('1')).toThrow('shard must look like i/N');
  });
});
