// Per-step figures appended to metrics.jsonl, and the progress line with steps/s and ETA.
import { appendFile, readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '@mtssl/core';
import { join } from 'node:path';
import { METRICS_FILE, type MetricsRecord } from '@mtssl/contracts';

// The log's name and line format are read by eval and the CLI, so they are contracts (@mtssl/contracts);
// re-exported for the trainer's users.
export { METRICS_FILE, type MetricsRecord };

export async function appendMetrics(outDir: string, record: MetricsRecord): Promise<void> {
  await appendFile(join(outDir, METRICS_FILE), `${JSON.stringify(record)}\n`);
}

/**
 * Makes the log agree with where the run starts: empty for a fresh run, and on resume only the lines up to
 * the checkpoint's step (steps after it were lost with the process and will be run again).
 */
export async function alignMetrics(outDir: string, fromStep: number): Promise<void> {
  const file = join(outDir, METRICS_FILE);
  if (fromStep === 0) {
    await rm(file, { force: true });
    return;
  }
  const text = await readFile(file, 'utf8').catch(() => '');
  const kept = text.split('\n').filter((line) => line !== '' && (JSON.parse(line) as { step: number }).step <= fromStep);
  await writeFileAtomic(file, kept.map((l) => `${l}\n`).join(''));
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function progressLine(record: MetricsRecord, totalSteps: number, stepsPerSecond: number): string {
  const metrics = Object.entries(record.metrics)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join(' ');
  const eta = (totalSteps - record.step) / stepsPerSecond;
  return `step ${record.step}/${totalSteps} ${record.task} loss ${record.taskLoss.toFixed(4)} ${metrics} | ${stepsPerSecond.toFixed(2)} steps/s ETA ${duration(eta)}`;
}
