import { childOptions } from './experiment-lanes';
import { resolveExperimentOptions } from './experiment-options';
import { EXPERIMENT_ROWS, planUnits, unitById } from './experiment-plan';
import { segmentEnds } from './experiment-unit';
import { experimentMarkdown, meanStd, standardError, summarize } from './experiment-table';
import type { UnitResult } from './experiment-unit';

describe('planUnits', () => {
  it('runs the seeded rows once per seed, the others once, longest first', () => {
    const units = planUnits(undefined, 3);
    const ids = units.map((u) => u.id);
    expect(ids[0]).toBe('supervised-s0');
    for (const row of ['rp', 'col', 'ex', 'ms', 'all', 'random']) expect(ids.filter((id) => id.startsWith(`${row}-s`))).toHaveLength(3);
    for (const row of ['all-h', 'all-lasso', 'supervised']) expect(ids.filter((id) => id.startsWith(`${row}-s`))).toEqual([`${row}-s0`]);
    expect(units).toHaveLength(EXPERIMENT_ROWS.filter((r) => r.seeded).length * 3 + EXPERIMENT_ROWS.filter((r) => !r.seeded).length);
    expect(ids.indexOf('all-s0')).toBeLessThan(ids.indexOf('rp-s0'));
    expect(ids.indexOf('rp-s2')).toBeLessThan(ids.indexOf('random-s0'));
  });

  it('keeps to the rows asked for', () => {
    expect(planUnits(['rp', 'random'], 2).map((u) => u.id)).toEqual(['rp-s0', 'rp-s1', 'random-s0', 'random-s1']);
  });

  it('finds a unit by id and rejects unknown ones', () => {
    expect(unitById('all-lasso-s0').row.id).toBe('all-lasso');
    expect(unitById('all-s2').seed).toBe(2);
    expect(() => unitById('jigsaw-s0')).toThrow('expected <row>-s<seed> with row one of rp, col');
    expect(() => unitById('all')).toThrow('expected <row>-s<seed>');
  });
});

describe('childOptions', () => {
  it("gives a lane's child the parent's options, one thread, one lane and its unit, and not the parent's invocation", () => {
    const parent = resolveExperimentOptions({ manifest: 'm.json', jobs: 2, wasmThreads: 2, steps: 5, unit: 'x-s0', invocation: { jobs: 2 } });
    const child = childOptions(parent, 'rp-s1');
    expect(child).toEqual({ ...parent, unit: 'rp-s1', wasmThreads: 1, jobs: 1, invocation: undefined });
    // what the child process receives: JSON, resolved again to the same options
    expect(resolveExperimentOptions(JSON.parse(JSON.stringify(child)))).toEqual(child);
  });
});

describe('segmentEnds', () => {
  it('splits the steps into equal segments ending at the last step', () => {
    expect(segmentEnds(800, 4)).toEqual([200, 400, 600, 800]);
    expect(segmentEnds(10, 3)).toEqual([3, 7, 10]);
    expect(segmentEnds(2, 4)).toEqual([1, 2]);
    expect(segmentEnds(5, 1)).toEqual([5]);
  });
});

function unit(row: string, seed: number, top1: number): UnitResult {
  const s = { top1, top5: 0.9 };
  return { id: `${row}-s${seed}`, row, name: row, seed, samples: 100, trainSeconds: 1, probeSeconds: 1, curve: [], pretext: {}, linear: [s, s, s], knn: s };
}

describe('experiment table', () => {
  it('gives mean and sample standard deviation', () => {
    expect(meanStd([0.5, 0.7])).toEqual({ mean: 0.6, std: expect.closeTo(Math.SQRT2 * 0.1, 10) });
    expect(meanStd([0.4])).toEqual({ mean: 0.4, std: 0 });
    expect(standardError(0.5, 10_000)).toBeCloseTo(0.005, 10);
  });

  it('puts each row with its seeds, the gap to random in standard errors and the gap closed', () => {
    const rows = summarize([unit('random', 0, 0.4), unit('random', 1, 0.4), unit('rp', 0, 0.5), unit('rp', 1, 0.5), unit('supervised', 0, 0.8)]);
    expect(rows.map((r) => r.row)).toEqual(['rp', 'random', 'supervised']);
    const md = experimentMarkdown(rows, 2400);
    // (0.5 - 0.4) / sqrt(0.4 * 0.6 / 2400) = 10 standard errors; 0.1 / 0.4 of the gap.
    expect(md).toContain('| Rel. position | 2 | 100 | 50.0 | 90.0 | 50.0 | 10.0 | 25% |');
    expect(md).toContain('| supervised | 1 | 100 | 80.0 | 90.0 | 80.0 | 40.0 | 100% |');
    expect(md).toContain('| Rel. position | 50.0 | 50.0 | 50.0 |');
    expect(md).not.toContain('Gap closed not shown');
  });

  it('leaves the gap column empty, saying why, when supervised is not clearly above random init', () => {
    const rows = summarize([unit('random', 0, 0.6), unit('rp', 0, 0.5), unit('supervised', 0, 0.62)]);
    const md = experimentMarkdown(rows, 500);
    expect(md).toContain('| Rel. position | 1 | 100 | 50.0 | 90.0 | 50.0 | -4.6 |  |');
    expect(md).toContain('Gap closed not shown: supervised is not above random init by more than two standard errors of the 500 test images.');
  });
});
