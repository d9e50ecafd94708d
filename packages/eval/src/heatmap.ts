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

/** A generous width estimate for sans-serif text at 11 px (no font metrics in Node). */
function textWidth(text: string, px = 11): number {
  return Math.ceil(text.length * px * 0.62);
}

/** A vertical colour bar from 0 (bottom) to max (top), with its two end labels. */
function colourScale(x: number, y: number, height: number, max: number): string[] {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `<stop offset="${(100 * (1 - t)).toFixed(0)}%" stop-color="${colour(t)}"/>`).join('');
  return [
    `<defs><linearGradient id="heatmap-scale" x1="0" y1="0" x2="0" y2="1">${stops}</linearGradient></defs>`,
    `<rect class="scale" x="${x}" y="${y}" width="12" height="${height}" fill="url(#heatmap-scale)" stroke="#999"/>`,
    `<text x="${x + 16}" y="${y + 9}">${escapeHtml(max.toPrecision(3))}</text>`,
    `<text x="${x + 16}" y="${y + height}">0</text>`,
    `<text x="${x + 6}" y="${y + height + 14}" text-anchor="middle">|value|</text>`,
  ];
}

export function heatmapSvg(spec: HeatmapSpec): string {
  const cols = check(spec);
  const rows = spec.values.length;
  const cell = spec.cell ?? Math.max(8, Math.min(32, Math.floor(560 / cols)));
  const max = Math.max(1e-12, ...spec.values.flat().map(Math.abs));
  const left = Math.max(40, 12 + Math.max(...spec.rowLabels.map((l) => textWidth(l))));
  const top = 34;
  const gridW = cols * cell;
  const scaleH = Math.max(48, rows * cell);
  const scaleX = left + gridW + 18;
  const title = spec.title;
  const axis = `${spec.colLabel} (0..${cols - 1})`;
  // wide enough for the title, the axis label and the colour scale with its labels, whatever the grid
  const w = Math.max(scaleX + 16 + textWidth(max.toPrecision(3)) + 12, textWidth(title, 12) + 24, left + textWidth(axis) + 12);
  const h = top + Math.max(rows * cell, scaleH) + 44;
  const rects = spec.values.flatMap((row, r) =>
    row.map((v, c) => `<rect class="cell" x="${left + c * cell}" y="${top + r * cell}" width="${cell}" height="${cell}" fill="${colour(Math.abs(v) / max)}" stroke="#eee"><title>${escapeHtml(spec.rowLabels[r] as string)}, ${c}: ${v.toPrecision(3)}</title></rect>`),
  );
  const labels = spec.rowLabels.map((l, r) => `<text x="${left - 6}" y="${top + r * cell + cell / 2 + 4}" text-anchor="end">${escapeHtml(l)}</text>`);
  const axisX = Math.max(left + gridW / 2, left + textWidth(axis) / 2);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="plot heatmap" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="11">`,
    `<rect width="${w}" height="${h}" fill="#fff"/>`,
    `<text class="title" x="${w / 2}" y="18" text-anchor="middle" font-weight="bold" font-size="12">${escapeHtml(title)}</text>`,
    ...rects,
    ...labels,
    ...colourScale(scaleX, top, scaleH, max),
    `<text class="axis" x="${axisX}" y="${top + Math.max(rows * cell, scaleH) + 30}" text-anchor="middle">${escapeHtml(axis)}</text>`,
    '</svg>',
  ].join('\n');
}
