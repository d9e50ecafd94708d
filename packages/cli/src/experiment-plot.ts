// The plot of probe accuracy against pretraining samples seen: the four-task row and the best
// single task (by final linear top-1), linear probe and kNN, from the seed-0 curve probes.
import { lineChartSvg, type Series } from '@mtssl/eval';
import type { UnitResult } from './experiment-unit';

const SINGLE = ['rp', 'col', 'ex', 'ms'];

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
    series.push({ name: `${u.name} linear`, points: pts.map((p) => [p.samples, 100 * p.linear.top1] as const) });
    series.push({ name: `${u.name} kNN`, points: pts.map((p) => [p.samples, 100 * p.knn.top1] as const) });
  }
  const random = results.filter((u) => u.row === 'random');
  if (series.length === 0) return null;
  if (random.length) {
    const xs = series.flatMap((s) => s.points.map((p) => p[0]));
    const r = (100 * random.reduce((a, u) => a + (u.linear[2]?.top1 ?? 0), 0)) / random.length;
    series.push({ name: 'random init (linear, full train set)', points: [[Math.min(...xs), r], [Math.max(...xs), r]] });
  }
  return lineChartSvg({ title: 'Probe top-1 against samples seen (curve probes: 1,000 train images a class)', xLabel: 'pretraining samples seen', yLabel: 'top-1 %', series });
}
