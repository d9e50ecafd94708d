// Smoke version of the comparison: tiny preset, a few steps, two pretraining rows plus baselines.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experiment, parseExperimentArgs } from './experiment';

const manifest = join(__dirname, '..', '..', '..', 'data-manifests', 'default.json');

describe('experiment (smoke)', () => {
  it('pretrains, probes, adds baselines and writes the table and report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mtssl-exp-')), 'exp');
    const lines: string[] = [];
    const args = parseExperimentArgs(['--manifest', manifest, '--preset', 'tiny', '--steps', '3', '--rows', 'rp,all', '--epochs', '1', '--out', out, '--backend', 'wasm']);
    const result = await experiment(args, new AbortController().signal, (l) => lines.push(l));
    expect(result.rows.map((r) => r.name)).toEqual(['Rel. position', 'RP+Col+Ex+MS', 'random init', 'supervised']);
    for (const r of result.rows) {
      expect(r.top1).toBeGreaterThanOrEqual(0);
      expect(r.top1).toBeLessThanOrEqual(1);
    }
    expect(readFileSync(join(out, 'table.md'), 'utf8')).toContain('| RP+Col+Ex+MS |');
    expect(existsSync(join(out, 'report', 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'runs', 'all', 'metrics.jsonl'))).toBe(true);
  }, 300_000);

  it('rejects unknown rows and bad steps', () => {
    expect(() => parseExperimentArgs(['--rows', 'rp,nope'])).toThrow('rows must be a comma-separated subset');
    expect(() => parseExperimentArgs(['--steps', '0'])).toThrow('--steps: must be >= 1');
    expect(() => parseExperimentArgs(['--bogus'])).toThrow("Unknown option '--bogus'");
  });
});
