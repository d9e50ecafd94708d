// Reads the trainer's JSONL log (a MetricsRecord per line, the contract in @mtssl/contracts: {step, task,
// loss, metrics: {accuracy, ...}}) into {step, task, loss, accuracy}. Logs written by hand with a top-level
// accuracy are read too; other lines (e.g. run headers without a task) are ignored.
import type { MetricsRecord } from '@mtssl/contracts';
import type { Series } from './line-chart';

export interface LogRecord {
  readonly step: number;
  readonly task: string;
  readonly loss: number;
  readonly accuracy?: number;
}

type LoggedLine = Partial<Pick<MetricsRecord, 'step' | 'task' | 'loss' | 'metrics'>> & { readonly accuracy?: unknown };

function asRecord(value: unknown): LogRecord | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as LoggedLine;
  if (typeof v.task !== 'string' || typeof v.step !== 'number' || typeof v.loss !== 'number') return null;
  const accuracy = typeof v.metrics?.['accuracy'] === 'number' ? v.metrics['accuracy'] : v.accuracy;
  return { step: v.step, task: v.task, loss: v.loss, ...(typeof accuracy === 'number' ? { accuracy } : {}) };
}

export function parseTrainingLog(text: string, file = 'log'): LogRecord[] {
  const out: LogRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    const record = asRecord(parsed);
    if (record) out.push(record);
  });
  return out;
}

/** One series per task of (step, loss) or (step, accuracy), in order of first appearance. */
export function seriesByTask(records: readonly LogRecord[], field: 'loss' | 'accuracy'): Series[] {
  const map = new Map<string, Array<[number, number]>>();
  for (const r of records) {
    const v = r[field];
    if (v === undefined) continue;
    const list = map.get(r.task) ?? [];
    list.push([r.step, v]);
    map.set(r.task, list);
  }
  return [...map].map(([name, points]) => ({ name, points: points.sort((a, b) => a[0] - b[0]) }));
}
