// The plot of probe accuracy against pretraining samples seen: the four-task row and the best
// single task (by final linear top-1), linear probe and kNN, from the seed-0 curve probes.
import { lineChartSvg, type Series } from '@mtssl/eval';
import type { UnitResult } from './experiment-unit';

const SINGLE = ['rp', 'col', 'ex', 'ms'];
/** Legend names short enough for the chart's legend column. */
const SHORT: Readonly<Record<string, string>> = Object.freeze({ rp: 'RP', col: 'Col', ex: 'Ex', ms: 'MS', all: 'all four' });

function meanFinal(results: readonly UnitResult[], row: string): number {
  const us = results.filter((u) => u.row === row);
  return us.length ? us.reduce((a, u) => a + (u.linear[2]?.top1 ?? 0), 0) / us.length : Number.NEGATIVE_INFINITY;
}

/** The row ids the plot draws: 'all' and the best single task that has a curve. */
export function plottedRows(results: readonly UnitResult[]): string[] {
  const withCurve = (row: string) => results.some((u) => u.row === row && u.curve.length > 0);
  const best = SINGLE.filter(withCurve).sort((a, b) => meanFinal(results, b) - meanFinal(results, a))[0];
  return ['all', ...(best ? [best] : [])].filter(withCurve);
}

export function curveSvg(results: readonly UnitResult[]): string | null {
  const series: Series[] = [];
  for (const row of plottedRows(results)) {
    const u = results.find((r) => r.row === row && r.curve.length > 0) as UnitResult;
    const pts = [...u.curve].sort((a, b) => a.samples - b.samples);
    const name = SHORT[row] ?? row;
    series.push({ name: `${name}, linear`, points: pts.map((p) => [p.samples, 100 * p.linear.top1] as const) });
    series.push({ name: `${name}, kNN`, points: pts.map((p) => [p.samples, 100 * p.knn.top1] as const) });
  }
  if (series.length === 0) return null;
  // Curve probes train on a 1,000-a-class subset, so the full-set table figures (random init's too) are
  // not drawn against them.
  return lineChartSvg({ title: 'Block-3 probe top-1 (1,000 train images a class) against samples seen, seed 0', xLabel: 'pretraining samples seen', yLabel: 'top-1 %', series });
}
