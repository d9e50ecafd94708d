// Renders a comparison as a Markdown table (READMEs) or an HTML table (the report page).
import type { Comparison, ComparedRow } from './comparison';
import { escapeHtml } from './html';

const pct = (v: number): string => `${(100 * v).toFixed(1)}`;
const gap = (v: number | null): string => (v === null ? 'n/a' : `${(100 * v).toFixed(0)}%`);

function header(c: Comparison): string[] {
  const h = ['name', 'top-1 %', 'top-5 %', 'top-1 gap closed', 'top-5 gap closed'];
  return c.hasTop2 ? [...h.slice(0, 3), 'top-2 %', ...h.slice(3), 'top-2 gap closed'] : h;
}

function cells(c: Comparison, r: ComparedRow): string[] {
  const base = [r.name, pct(r.top1), pct(r.top5), gap(r.gap1), gap(r.gap5)];
  if (!c.hasTop2) return base;
  return [...base.slice(0, 3), pct(r.top2 as number), ...base.slice(3), gap(r.gap2)];
}

const NOTE = (c: Comparison): string =>
  c.gapHidden
    ? `${c.gapHidden.charAt(0).toUpperCase()}${c.gapHidden.slice(1)}.`
    : `Gap closed: (row - ${c.randomName}) / (${c.supervisedName} - ${c.randomName}); 0% = random init, 100% = supervised.`;

export function comparisonMarkdown(c: Comparison): string {
  const md = (s: string): string => s.replace(/\|/g, '\\|');
  const h = header(c);
  const lines = [`| ${h.join(' | ')} |`, `| ${h.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const r of c.rows) lines.push(`| ${cells(c, r).map(md).join(' | ')} |`);
  return `${lines.join('\n')}\n\n${NOTE(c)}\n`;
}

export function comparisonHtml(c: Comparison): string {
  const head = header(c).map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = c.rows.map((r) => `<tr>${cells(c, r).map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="comparison"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>\n<p class="note">${escapeHtml(NOTE(c))}</p>`;
}
