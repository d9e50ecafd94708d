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

export function compareToBaselines(rows: readonly ComparisonRow[], randomName = 'random init', supervisedName = 'supervised'): Comparison {
  rows.forEach(checkRow);
  const random = findRow(rows, randomName, 'random-init');
  const sup = findRow(rows, supervisedName, 'supervised');
  const hasTop2 = rows.every((r) => r.top2 !== undefined);
  const compared = rows.map((r) => ({
    ...r,
    gap1: gapFraction(r.top1, random.top1, sup.top1),
    gap5: gapFraction(r.top5, random.top5, sup.top5),
    gap2: hasTop2 ? gapFraction(r.top2 as number, random.top2 as number, sup.top2 as number) : null,
  }));
  return { rows: compared, randomName, supervisedName, hasTop2 };
}
