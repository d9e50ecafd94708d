// The experiment's outputs once its units are done: table.md, results.json, the probe-curve plot and the
// HTML report.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskName } from '@mtssl/core';
import { compareToBaselines, writeRunReport } from '@mtssl/eval';
import { previewFile } from './dataset-layout';
import type { ExperimentOptions } from './experiment-options';
import { curveSvg } from './experiment-plot';
import { experimentMarkdown, summarize } from './experiment-table';
import type { UnitResult } from './experiment-unit';
import { METRICS_FILE } from '@mtssl/contracts';

export interface ExperimentResult {
  readonly outDir: string;
  readonly units: readonly UnitResult[];
  readonly markdown: string;
}

export interface ExperimentOutcome {
  readonly outDir: string;
  /** The pretraining manifest's name. */
  readonly name: string;
  readonly results: readonly UnitResult[];
  readonly testCount: number;
  readonly testSource: string;
  readonly available: readonly TaskName[];
  readonly seconds: number;
}

export async function writeExperimentOutputs(o: ExperimentOptions, r: ExperimentOutcome, log: (l: string) => void): Promise<ExperimentResult> {
  const { outDir, results, testCount, testSource } = r;
  const rows = summarize(results);
  const markdown = experimentMarkdown(rows, testCount);
  writeFileSync(join(outDir, 'table.md'), `${markdown}\n`);
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify({ args: o.invocation ?? o, testSource, seconds: r.seconds, rows, units: results }, null, 1)}\n`);
  const plot = curveSvg(results);
  const hasBaselines = rows.some((row) => row.row === 'random') && rows.some((row) => row.row === 'supervised');
  const comparison = hasBaselines ? compareToBaselines(rows.map((row) => ({ name: row.name, top1: row.linear.mean, top5: row.linearTop5.mean })), { testImages: testCount }) : undefined;
  const allRun = join(outDir, 'runs', 'all-s0');
  const report = await writeRunReport({
    outDir: join(outDir, 'report'),
    title: `mtssl experiment: ${r.name}, preset ${o.preset}, ${o.steps} steps`,
    ...(existsSync(join(allRun, METRICS_FILE)) ? { logFile: join(allRun, METRICS_FILE) } : {}),
    ...(comparison ? { comparison } : {}),
    ...(plot ? { extraPlots: [{ name: 'probe-curve', heading: 'Probe accuracy against samples seen', svg: plot }] } : {}),
    previews: r.available.map((t) => previewFile(join(outDir, 'shards'), t, false)).filter((f) => existsSync(f)),
  });
  log(`\n${markdown}\n\nexperiment: ${(r.seconds / 60).toFixed(1)} min; test set ${testSource}; table ${join(outDir, 'table.md')}, report ${report.htmlFile}`);
  return { outDir, units: results, markdown };
}
