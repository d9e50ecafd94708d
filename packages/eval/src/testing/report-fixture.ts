// A report built from synthetic inputs: a JSONL log of two tasks, a lasso matrix, a comparison
// and one preview sheet generated with sharp.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { compareToBaselines } from '../comparison';
import { writeRunReport, type ReportOutput } from '../report';

export async function writeFixtureReport(dir: string): Promise<ReportOutput> {
  const lines: string[] = [];
  for (let step = 0; step < 50; step++) {
    const task = step % 2 ? 'colorization' : 'relative-position';
    lines.push(JSON.stringify({ step, task, loss: 3 * Math.exp(-step / 20) + (step % 2), accuracy: step / 60 }));
  }
  const logFile = join(dir, 'log.jsonl');
  await writeFile(logFile, lines.join('\n'));
  const preview = join(dir, 'preview.png');
  await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toFile(preview);
  const comparison = compareToBaselines([
    { name: 'random init', top1: 0.3, top5: 1, top2: 0.5 },
    { name: 'RP+Col', top1: 0.5, top5: 1, top2: 0.7 },
    { name: 'supervised', top1: 0.8, top5: 1, top2: 0.9 },
  ]);
  const lasso = { tasks: ['relative-position', 'colorization'], alpha: [[0.1, 0, 0.9, 0.2], [0, 0.5, 0.4, 1]] };
  return writeRunReport({ outDir: join(dir, 'report'), title: 'Run <test>', logFile, lasso, comparison, previews: [preview] });
}
