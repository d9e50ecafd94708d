// The paper-style comparison: each row's accuracy as the fraction of the gap between a randomly
// initialised trunk (0) and a supervised trunk (1) that it closes.
import { OptionError } from '@mtssl/core';

export interface ComparisonRow {
  readonly name: string;
  readonly top1: number;
  readonly top5: number;
  /** Shown when present: with 5 classes or fewer, top-5 says nothing, top-2 does. */
  readonly top2?: number;
}

export interface ComparedRow extends ComparisonRow {
  /** (top1 - random) / (supervised - random); null when the baselines are equal. */
  readonly gap1: number | null;
  readonly gap5: number | null;
  readonly gap2: number | null;
}

export interface Comparison {
  readonly rows: readonly ComparedRow[];
  readonly randomName: string;
  readonly supervisedName: string;
  readonly hasTop2: boolean;
  /** Why the gap columns are empty (the ceiling is not above random init beyond the test set's noise), or null. */
  readonly gapHidden: string | null;
}

export interface CompareOptions {
  readonly randomName?: string;
  readonly supervisedName?: string;
  /** Test images behind each accuracy: with it, gaps are shown only when the ceiling is clear of the noise. */
  readonly testImages?: number;
}

/** Standard error of the difference of two accuracies each measured on n independent images. */
export function differenceStandardError(a: number, b: number, n: number): number {
  return Math.sqrt((a * (1 - a) + b * (1 - b)) / n);
}

/** Why a gap closed would mislead (supervised not above random by more than 2 SE), or null when it is meaningful. */
function gapProblem(random: ComparisonRow, sup: ComparisonRow, o: CompareOptions): string | null {
  const names = `${o.supervisedName ?? 'supervised'} (${(100 * sup.top1).toFixed(1)} %) vs ${o.randomName ?? 'random init'} (${(100 * random.top1).toFixed(1)} %)`;
  if (o.testImages === undefined) return sup.top1 > random.top1 ? null : `gap closed not shown: ${names}, the ceiling is not above random init`;
  const se = differenceStandardError(sup.top1, random.top1, o.testImages);
  if (sup.top1 - random.top1 > 2 * se) return null;
  return `gap closed not shown: ${names} differ by less than two standard errors (${(100 * 2 * se).toFixed(1)} points on ${o.testImages} test images), so the ceiling is not a ceiling`;
}

export function gapFraction(value: number, random: number, supervised: number): number | null {
  const span = supervised - random;
  return Math.abs(span) < 1e-12 ? null : (value - random) / span;
}

function findRow(rows: readonly ComparisonRow[], name: string, role: string): ComparisonRow {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new OptionError(`comparison: no ${role} row named ${JSON.stringify(name)} (rows: ${rows.map((r) => r.name).join(', ')})`);
  return row;
}

function checkRow(row: ComparisonRow): void {
  for (const key of ['top1', 'top5', 'top2'] as const) {
    const v = row[key];
    if (v === undefined && key === 'top2') continue;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new OptionError(`comparison: row ${JSON.stringify(row.name)}: ${key} must be a number in [0, 1], got ${String(v)}`);
  }
}

export function compareToBaselines(rows: readonly ComparisonRow[], options: CompareOptions = {}): Comparison {
  const randomName = options.randomName ?? 'random init';
  const supervisedName = options.supervisedName ?? 'supervised';
  rows.forEach(checkRow);
  const random = findRow(rows, randomName, 'random-init');
  const sup = findRow(rows, supervisedName, 'supervised');
  const hasTop2 = rows.every((r) => r.top2 !== undefined);
  const gapHidden = gapProblem(random, sup, options);
  const compared = rows.map((r) => ({
    ...r,
    gap1: gapHidden ? null : gapFraction(r.top1, random.top1, sup.top1),
    gap5: gapHidden ? null : gapFraction(r.top5, random.top5, sup.top5),
    gap2: hasTop2 && !gapHidden ? gapFraction(r.top2 as number, random.top2 as number, sup.top2 as number) : null,
  }));
  return { rows: compared, randomName, supervisedName, hasTop2, gapHidden };
}
