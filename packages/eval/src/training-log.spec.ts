// The report reads the log the real trainer writes (not a fixture of the shape eval expects).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRICS_FILE } from '@mtssl/contracts';
import { fakeDataset, train } from '@mtssl/trainer';
import { parseTrainingLog, seriesByTask } from './training-log';
import { useCpuBackend } from './testing/cpu-backend';

beforeAll(useCpuBackend);

describe('parseTrainingLog', () => {
  it("reads loss and accuracy from the trainer's own metrics.jsonl", async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'mtssl-log-')), 'run');
    const quiet = { info: () => undefined, warn: () => undefined };
    await train({
      datasets: { 'relative-position': fakeDataset('relative-position', { count: 8, side: 16, targetSide: 1 }), motion: fakeDataset('motion', { count: 8, side: 16, targetSide: 1 }) },
      outDir, preset: 'tiny', backend: 'cpu', batchSize: 4, steps: 4, logger: quiet, handleSignals: false,
    });
    const records = parseTrainingLog(readFileSync(join(outDir, METRICS_FILE), 'utf8'));
    expect(records).toHaveLength(4);
    expect(records.every((r) => typeof r.accuracy === 'number' && r.accuracy >= 0 && r.accuracy <= 1)).toBe(true);
    expect(seriesByTask(records, 'accuracy').map((s) => [s.name, s.points.length])).toEqual([
      ['relative-position', 2],
      ['motion', 2],
    ]);
  }, 120_000);

  it('still reads hand-written logs with a top-level accuracy, and names a bad line', () => {
    expect(parseTrainingLog('{"step":1,"task":"x","loss":1,"accuracy":0.5}\n{"run":"header"}\n')).toEqual([{ step: 1, task: 'x', loss: 1, accuracy: 0.5 }]);
    expect(() => parseTrainingLog('{"step":1}\nnot json', 'm.jsonl')).toThrow('m.jsonl:2: not valid JSON');
  });
});
