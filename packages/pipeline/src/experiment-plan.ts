// What `mtssl experiment` runs: the paper's rows, each pretraining row for a number of seeds, and
// the random-init and supervised baselines, as units that can run in any order on any lane.
import { TaskName } from '@mtssl/core';

export interface ExperimentRow {
  readonly id: string;
  readonly name: string;
  /** Pretraining tasks; null for the baselines. */
  readonly tasks: 'all' | readonly TaskName[] | null;
  readonly harmonize: boolean;
  readonly lasso: boolean;
  /** Run with every seed of `seeds` (the rows the comparison's claims rest on), else seed 0 only. */
  readonly seeded: boolean;
  /** Probed along the way (the accuracy-against-samples plot). */
  readonly curve: boolean;
}

export const EXPERIMENT_ROWS: readonly ExperimentRow[] = Object.freeze([
  { id: 'rp', name: 'Rel. position', tasks: ['relative-position'], harmonize: false, lasso: false, seeded: true, curve: true },
  { id: 'col', name: 'Colorization', tasks: ['colorization'], harmonize: false, lasso: false, seeded: true, curve: true },
  { id: 'ex', name: 'Exemplar', tasks: ['exemplar'], harmonize: false, lasso: false, seeded: true, curve: true },
  { id: 'ms', name: 'Motion seg.', tasks: ['motion'], harmonize: false, lasso: false, seeded: true, curve: true },
  { id: 'all', name: 'RP+Col+Ex+MS', tasks: 'all', harmonize: false, lasso: false, seeded: true, curve: true },
  { id: 'all-h', name: 'RP+Col+Ex+MS / H', tasks: 'all', harmonize: true, lasso: false, seeded: false, curve: false },
  { id: 'all-lasso', name: 'RP+Col+Ex+MS / lasso', tasks: 'all', harmonize: false, lasso: true, seeded: false, curve: false },
  { id: 'random', name: 'random init', tasks: null, harmonize: false, lasso: false, seeded: true, curve: false },
  { id: 'supervised', name: 'supervised', tasks: null, harmonize: false, lasso: false, seeded: false, curve: false },
]);

export interface ExperimentUnit {
  readonly row: ExperimentRow;
  readonly seed: number;
  /** `<row>-s<seed>`: names the unit's result file and run folder. */
  readonly id: string;
}

export function unitId(rowId: string, seed: number): string {
  return `${rowId}-s${seed}`;
}

/** The units of the chosen rows, longest first so that two lanes finish close together. */
export function planUnits(rowIds: readonly string[] | undefined, seeds: number): ExperimentUnit[] {
  const rows = rowIds ? EXPERIMENT_ROWS.filter((r) => rowIds.includes(r.id)) : EXPERIMENT_ROWS;
  const cost = (r: ExperimentRow): number => (r.id === 'supervised' ? 3 : r.tasks === null ? 0 : r.tasks === 'all' ? 2 : 1);
  const units: ExperimentUnit[] = [];
  for (const row of rows) {
    for (let seed = 0; seed < (row.seeded ? seeds : 1); seed++) units.push({ row, seed, id: unitId(row.id, seed) });
  }
  return units.sort((a, b) => cost(b.row) - cost(a.row) || a.seed - b.seed);
}

/** Looks a unit up by id (`all-s1`); throws naming the known rows. */
export function unitById(id: string): ExperimentUnit {
  const m = /^(.+)-s(\d+)$/.exec(id);
  const row = m ? EXPERIMENT_ROWS.find((r) => r.id === m[1]) : undefined;
  if (!m || !row) throw new Error(`unit ${JSON.stringify(id)}: expected <row>-s<seed> with row one of ${EXPERIMENT_ROWS.map((r) => r.id).join(', ')}`);
  return { row, seed: Number(m[2]), id };
}
