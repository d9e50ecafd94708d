// The experiment's table: per row the mean and standard deviation over seeds of the linear probe
// on block 3 and of kNN, the gap to random init in standard errors of the test set, and the
// fraction of the random-to-supervised gap closed; and the per-block probe.
import { differenceStandardError } from '@mtssl/eval';
import { EXPERIMENT_ROWS } from './experiment-plan';
import type { UnitResult } from './experiment-unit';

export interface RowSummary {
  readonly row: string;
  readonly name: string;
  readonly seeds: number;
  readonly samples: number;
  readonly linear: MeanStd;
  readonly linearTop5: MeanStd;
  readonly knn: MeanStd;
  /** Linear top-1 of blocks 1, 2, 3 (means over seeds). */
  readonly blocks: readonly number[];
}

export interface MeanStd {
  readonly mean: number;
  /** Sample standard deviation; 0 for a single seed. */
  readonly std: number;
}

export function meanStd(values: readonly number[]): MeanStd {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std };
}

export function summarize(units: readonly UnitResult[]): RowSummary[] {
  const out: RowSummary[] = [];
  for (const row of EXPERIMENT_ROWS) {
    const us = units.filter((u) => u.row === row.id);
    if (us.length === 0) continue;
    out.push({
      row: row.id,
      name: row.name,
      seeds: us.length,
      samples: us[0]?.samples ?? 0,
      linear: meanStd(us.map((u) => u.linear[2]?.top1 ?? Number.NaN)),
      linearTop5: meanStd(us.map((u) => u.linear[2]?.top5 ?? Number.NaN)),
      knn: meanStd(us.map((u) => u.knn.top1)),
      blocks: [0, 1, 2].map((b) => meanStd(us.map((u) => u.linear[b]?.top1 ?? Number.NaN)).mean),
    });
  }
  return out;
}

function pct(m: MeanStd): string {
  return `${(100 * m.mean).toFixed(1)}${m.std > 0 ? ` ± ${(100 * m.std).toFixed(1)}` : ''}`;
}

/** One standard error of an accuracy p measured on n test images. */
export function standardError(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

export function experimentMarkdown(rows: readonly RowSummary[], testCount: number): string {
  const random = rows.find((r) => r.row === 'random');
  const supervised = rows.find((r) => r.row === 'supervised');
  const se = random ? standardError(random.linear.mean, testCount) : Number.NaN;
  const lines = [
    '| pretraining | seeds | samples seen | linear top-1 % | linear top-5 % | kNN top-1 % | vs random (SE) | gap closed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  // a gap is a fraction of the ceiling's lead: shown only when that lead is clear of the test set's noise
  const lead = random && supervised ? supervised.linear.mean - random.linear.mean : Number.NaN;
  const gapShown = lead > 2 * differenceStandardError(supervised?.linear.mean ?? 0, random?.linear.mean ?? 0, testCount);
  for (const r of rows) {
    const vs = random && r.row !== 'random' ? ((r.linear.mean - random.linear.mean) / se).toFixed(1) : '';
    const gap = random && gapShown ? `${Math.round((100 * (r.linear.mean - random.linear.mean)) / lead)}%` : '';
    lines.push(`| ${r.name} | ${r.seeds} | ${r.samples.toLocaleString('en-US')} | ${pct(r.linear)} | ${pct(r.linearTop5)} | ${pct(r.knn)} | ${vs} | ${gap} |`);
  }
  if (random && supervised && !gapShown) lines.push('', `Gap closed not shown: supervised is not above random init by more than two standard errors of the ${testCount} test images.`);
  lines.push('', '| pretraining | block 1 % | block 2 % | block 3 % |', '| --- | ---: | ---: | ---: |');
  for (const r of rows) lines.push(`| ${r.name} | ${r.blocks.map((b) => (100 * b).toFixed(1)).join(' | ')} |`);
  return lines.join('\n');
}
