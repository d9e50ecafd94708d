// Writes a run's static report: per-task loss (and accuracy) curves from the trainer's JSONL log,
// the lasso alpha heatmap, the probe comparison table and the stream preview sheets, plus PNG
// copies of the plots for a README (SVG rasterised by sharp).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { OptionError } from '@mtssl/core';
import type { Comparison } from './comparison';
import { comparisonHtml } from './comparison-render';
import { heatmapSvg } from './heatmap';
import { escapeHtml } from './html';
import { lineChartSvg } from './line-chart';
import { pngDataUri, reportHtml, type ReportSection } from './report-html';
import { parseTrainingLog, seriesByTask } from './training-log';

export interface LassoMatrix {
  readonly tasks: readonly string[];
  /** alpha[task][unit] */
  readonly alpha: ReadonlyArray<readonly number[]>;
}

export interface ReportInput {
  readonly outDir: string;
  readonly title: string;
  /** The trainer's JSONL log. */
  readonly logFile?: string;
  readonly lasso?: LassoMatrix;
  readonly comparison?: Comparison;
  /** Stream preview sheets (PNG files). */
  readonly previews?: readonly string[];
  /** More plots (SVG), each also written as `<name>.png`. */
  readonly extraPlots?: readonly ReportPlot[];
  /** Figures given as PNG files (e.g. the nearest-neighbour sheet), each under its heading. */
  readonly figures?: ReadonlyArray<{ readonly heading: string; readonly file: string; readonly caption?: string }>;
}

export interface ReportPlot {
  readonly name: string;
  readonly heading: string;
  readonly svg: string;
}

export interface ReportOutput {
  readonly htmlFile: string;
  /** PNG versions of the plots, by name (loss, accuracy, lasso). */
  readonly pngFiles: Readonly<Record<string, string>>;
}

type Plot = ReportPlot;

async function logPlots(logFile: string): Promise<Plot[]> {
  const records = parseTrainingLog(await readFile(logFile, 'utf8'), logFile);
  if (records.length === 0) throw new Error(`${logFile}: no records with {step, task, loss}`);
  const plots: Plot[] = [{ name: 'loss', heading: 'Loss per task', svg: lineChartSvg({ title: 'Training loss', xLabel: 'step', yLabel: 'loss', series: seriesByTask(records, 'loss') }) }];
  const acc = seriesByTask(records, 'accuracy');
  if (acc.length) plots.push({ name: 'accuracy', heading: 'Accuracy per task', svg: lineChartSvg({ title: 'Training accuracy', xLabel: 'step', yLabel: 'accuracy', series: acc }) });
  return plots;
}

function lassoPlot(lasso: LassoMatrix): Plot {
  const svg = heatmapSvg({ title: 'Lasso |alpha|', rowLabels: lasso.tasks, colLabel: 'block-3 residual unit', values: lasso.alpha });
  return { name: 'lasso', heading: 'Lasso coefficients (tasks x block-3 units)', svg };
}

async function previewSection(files: readonly string[]): Promise<ReportSection> {
  const imgs = await Promise.all(
    files.map(async (f) => `<figure><img class="preview" alt="${escapeHtml(basename(f))}" src="${pngDataUri(await readFile(f))}"><figcaption>${escapeHtml(basename(f))}</figcaption></figure>`),
  );
  return { heading: 'Stream previews', html: imgs.join('\n') };
}

export async function writeRunReport(input: ReportInput): Promise<ReportOutput> {
  if (!input.outDir) throw new OptionError('writeRunReport: outDir is required');
  const plots = [...(input.logFile ? await logPlots(input.logFile) : []), ...(input.lasso ? [lassoPlot(input.lasso)] : []), ...(input.extraPlots ?? [])];
  const sections: ReportSection[] = plots.map((p) => ({ heading: p.heading, html: p.svg }));
  if (input.comparison) sections.push({ heading: 'Linear probe', html: comparisonHtml(input.comparison) });
  for (const f of input.figures ?? []) {
    const alt = escapeHtml(f.caption ?? basename(f.file));
    sections.push({ heading: f.heading, html: `<figure><img class="figure" alt="${alt}" src="${pngDataUri(await readFile(f.file))}"><figcaption>${alt}</figcaption></figure>` });
  }
  if (input.previews?.length) sections.push(await previewSection(input.previews));
  if (sections.length === 0) throw new OptionError('writeRunReport: nothing to report (give logFile, lasso, comparison or previews)');
  await mkdir(input.outDir, { recursive: true });
  const pngFiles: Record<string, string> = {};
  for (const p of plots) {
    pngFiles[p.name] = join(input.outDir, `${p.name}.png`);
    await sharp(Buffer.from(p.svg), { density: 144 }).png().toFile(pngFiles[p.name] as string);
  }
  const htmlFile = join(input.outDir, 'report.html');
  await writeFile(htmlFile, reportHtml(input.title, sections, new Date().toISOString()));
  return { htmlFile, pngFiles };
}
