// A line chart as a self-contained SVG string: axes with ticks, one path per series, a legend.
import { escapeHtml } from './html';
import { formatTick, linearScale, niceTicks, type Scale } from './svg-scale';

export interface Series {
  readonly name: string;
  /** [x, y] pairs; non-finite values are skipped. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly width?: number;
  readonly height?: number;
}

export const PALETTE = Object.freeze(['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf']);
const M = { left: 60, right: 130, top: 30, bottom: 45 };

function extent(values: number[]): [number, number] {
  return values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
}

function axes(x: Scale, y: Scale, w: number, h: number, spec: LineChartSpec): string {
  const xt = niceTicks(x.domain[0], x.domain[1]).map((t) => `<line x1="${x.map(t)}" x2="${x.map(t)}" y1="${h - M.bottom}" y2="${h - M.bottom + 4}" stroke="#333"/><text x="${x.map(t)}" y="${h - M.bottom + 16}" text-anchor="middle">${formatTick(t)}</text>`);
  const yt = niceTicks(y.domain[0], y.domain[1]).map((t) => `<line x1="${M.left - 4}" x2="${w - M.right}" y1="${y.map(t)}" y2="${y.map(t)}" stroke="#ddd"/><text x="${M.left - 6}" y="${y.map(t) + 4}" text-anchor="end">${formatTick(t)}</text>`);
  return [
    ...yt,
    ...xt,
    `<line x1="${M.left}" x2="${w - M.right}" y1="${h - M.bottom}" y2="${h - M.bottom}" stroke="#333"/>`,
    `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${h - M.bottom}" stroke="#333"/>`,
    `<text x="${(M.left + w - M.right) / 2}" y="${h - 8}" text-anchor="middle">${escapeHtml(spec.xLabel)}</text>`,
    `<text transform="translate(14 ${(M.top + h - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(spec.yLabel)}</text>`,
    `<text x="${w / 2}" y="18" text-anchor="middle" font-weight="bold">${escapeHtml(spec.title)}</text>`,
  ].join('\n');
}

function pathData(points: Series['points'], x: Scale, y: Scale): string {
  return points
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b))
    .map(([a, b], i) => `${i === 0 ? 'M' : 'L'}${x.map(a).toFixed(2)} ${y.map(b).toFixed(2)}`)
    .join(' ');
}

function legend(series: readonly Series[], w: number): string {
  return series
    .map((s, i) => {
      const ly = M.top + 10 + i * 18;
      const colour = PALETTE[i % PALETTE.length];
      return `<line x1="${w - M.right + 10}" x2="${w - M.right + 30}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/><text x="${w - M.right + 35}" y="${ly + 4}">${escapeHtml(s.name)}</text>`;
    })
    .join('\n');
}

export function lineChartSvg(spec: LineChartSpec): string {
  const w = spec.width ?? 640;
  const h = spec.height ?? 320;
  const all = spec.series.flatMap((s) => s.points.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b)));
  const [x0, x1] = extent(all.map((p) => p[0]));
  const [y0, y1] = extent(all.map((p) => p[1]));
  const x = linearScale(x0, x1, M.left, w - M.right);
  const y = linearScale(Math.min(0, y0), y1, h - M.bottom, M.top);
  const lines = spec.series.map((s, i) => `<path class="series" data-series="${escapeHtml(s.name)}" d="${pathData(s.points, x, y)}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="1.5"/>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="plot line-chart" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="11">`,
    `<rect width="${w}" height="${h}" fill="#fff"/>`,
    axes(x, y, w, h, spec),
    ...lines,
    legend(spec.series, w),
    '</svg>',
  ].join('\n');
}
