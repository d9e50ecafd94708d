import { Rng } from '@mtssl/core';
import { gridExtent, labelForOffset, NEIGHBOUR_OFFSETS, samplePairLayout } from './geometry';
import { cellSize, resolveRelativePositionOptions } from './options';

describe('geometry', () => {
  const o = resolveRelativePositionOptions({ shortSide: 160, patchSize: 32, gap: 16, jitter: 4 });

  it('orders labels as the contract says: 0 top-left ... 7 bottom-right', () => {
    expect(NEIGHBOUR_OFFSETS).toEqual([
      [-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 1], [1, -1], [1, 0], [1, 1],
    ]);
    expect(labelForOffset(0, 1)).toBe(4);
    expect(() => labelForOffset(0, 0)).toThrow('no neighbour at offset (0, 0)');
  });

  it("places the neighbour at its label's offset, within gap and jitter bounds", () => {
    const cell = cellSize(o);
    const seenLabels = new Set<number>();
    for (let k = 0; k < 2000; k++) {
      const width = 160 + (k % 50);
      const { label, centre, neighbour } = samplePairLayout(width, 160, o, Rng.from(1, k));
      seenLabels.add(label);
      const [dRow, dCol] = NEIGHBOUR_OFFSETS[label] as [number, number];
      // Offset = one cell per step plus the difference of two jitters.
      const dx = neighbour.x - centre.x - dCol * cell;
      const dy = neighbour.y - centre.y - dRow * cell;
      expect(Math.abs(dx)).toBeLessThanOrEqual(2 * o.jitter);
      expect(Math.abs(dy)).toBeLessThanOrEqual(2 * o.jitter);
      // Patches never touch: at least gap - 2 * jitter pixels lie between them along the offset axis.
      const sepX = Math.abs(neighbour.x - centre.x) - o.patchSize;
      const sepY = Math.abs(neighbour.y - centre.y) - o.patchSize;
      expect(Math.max(dCol !== 0 ? sepX : -Infinity, dRow !== 0 ? sepY : -Infinity)).toBeGreaterThanOrEqual(
        o.gap - 2 * o.jitter,
      );
      for (const p of [centre, neighbour]) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.x + o.patchSize).toBeLessThanOrEqual(width);
        expect(p.y + o.patchSize).toBeLessThanOrEqual(160);
      }
    }
    expect(seenLabels.size).toBe(8);
  });

  it('uses the whole jitter range', () => {
    const jitters = new Set<number>();
    for (let k = 0; k < 500; k++) {
      const { centre } = samplePairLayout(gridExtent(o), gridExtent(o), o, Rng.from(2, k));
      // In an image exactly the grid's size the centre cell's corner is fixed at jitter + cell.
      jitters.add(centre.x - (o.jitter + cellSize(o)));
    }
    expect([...jitters].sort((a, b) => a - b)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
  });

  it('refuses an image smaller than the grid', () => {
    expect(() => samplePairLayout(100, 160, o, Rng.from(1))).toThrow('image 100x160 cannot hold a grid of 136 px');
  });
});
