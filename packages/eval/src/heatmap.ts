// A heatmap (rows x columns of non-negative values, e.g. lasso |alpha| per task and unit) as SVG.
import { OptionError } from '@mtssl/core';
import { escapeHtml } from './html';

export interface HeatmapSpec {
  readonly title: string;
  readonly rowLabels: readonly string[];
  readonly colLabel: string;
  /** values[row][col]; the colour shows |value| relative to the largest |value|. */
  readonly values: ReadonlyArray<readonly number[]>;
  readonly cell?: number;
}

/** White to dark blue. */
function colour(t: number): string {
  const c = (a: number, b: number): number => Math.round(a + (b - a) * t);
  return `rgb(${c(255, 8)},${c(255, 48)},${c(255, 107)})`;
}

function check(spec: HeatmapSpec): number {
  if (spec.values.length === 0 || spec.values.length !== spec.rowLabels.length) {
    throw new OptionError(`heatmap: need one row of values per row label, got ${spec.values.length} rows for ${spec.rowLabels.length} labels`);
  }
  const cols = spec.values[0]?.length ?? 0;
  if (cols === 0 || spec.values.some((r) => r.length !== cols)) throw new OptionError('heatmap: every row must have the same, non-zero number of values');
  return cols;
}

export function heatmapSvg(spec: HeatmapSpec): string {
  const cols = check(spec);
  const cell = spec.cell ?? Math.max(8, Math.min(32, Math.floor(560 / cols)));
  const left = 110;
  const top = 30;
  const w = left + cols * cell + 20;
  const h = top + spec.values.length * cell + 40;
  const max = Math.max(1e-12, ...spec.values.flat().map(Math.abs));
  const rects = spec.values.flatMap((row, r) =>
    row.map((v, c) => `<rect class="cell" x="${left + c * cell}" y="${top + r * cell}" width="${cell}" height="${cell}" fill="${colour(Math.abs(v) / max)}" stroke="#eee"><title>${escapeHtml(spec.rowLabels[r] as string)}, ${c}: ${v.toPrecision(3)}</title></rect>`),
  );
  const labels = spec.rowLabels.map((l, r) => `<text x="${left - 6}" y="${top + r * cell + cell / 2 + 4}" text-anchor="end">${escapeHtml(l)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="plot heatmap" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="11">`,
    `<rect width="${w}" height="${h}" fill="#fff"/>`,
    `<text x="${w / 2}" y="18" text-anchor="middle" font-weight="bold">${escapeHtml(spec.title)} (max |value| ${max.toPrecision(3)})</text>`,
    ...rects,
    ...labels,
    `<text x="${left + (cols * cell) / 2}" y="${h - 12}" text-anchor="middle">${escapeHtml(spec.colLabel)} (0..${cols - 1})</text>`,
    '</svg>',
  ].join('\n');
}
