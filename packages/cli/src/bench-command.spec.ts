// bench --stream: the timed per-stream mode the pipeline peer's side-by-side script calls.
import { join } from 'node:path';
import { benchCommand } from './bench-command';
import { benchDemand, demandTable } from './bench-demand';
import { benchStream } from './bench-stream';

const manifest = join(__dirname, '..', '..', '..', 'data-manifests', 'default.json');

describe('bench --stream', () => {
  it('times one stream after a warm-up and reports samples/s with what it ran', async () => {
    const r = await benchStream({ task: 'relative-position', threads: 1, seconds: 1, warmup: 0.5, manifest, preset: 'tiny' }, new AbortController().signal);
    expect(r).toMatchObject({ side: 'project', task: 'relative-position', threads: 1, preset: 'tiny' });
    expect(r.samples).toBeGreaterThan(0);
    expect(r.seconds).toBeGreaterThanOrEqual(1);
    // seconds is printed to the millisecond, so samples / seconds can differ from the rate by ~0.05 %
    expect(Math.abs(r.samples_per_s - r.samples / r.seconds)).toBeLessThanOrEqual(r.samples_per_s * 1e-3 + 0.05);
    expect(r.files).toBeGreaterThan(0);
    expect(r.options).toHaveProperty('patchSize');
  }, 60_000);

  it('--demand sets each stream beside the samples/s the trainer takes of its task', async () => {
    const args = { manifest, preset: 'tiny' as const, seconds: 0.5, warmup: 0.3 };
    const rows = await benchDemand(args, new AbortController().signal, () => undefined);
    expect(rows.map((r) => r.task)).toEqual(['relative-position', 'colorization', 'exemplar', 'motion']);
    for (const r of rows) {
      expect(r.oneWorker).toBeGreaterThan(0);
      expect(r.twoWorkers).toBeGreaterThan(0);
      expect(r.msPerStep).toBeGreaterThan(0);
    }
    // round robin: every task is asked for one batch of 16 per round of four steps
    const round = rows.reduce((s, r) => s + r.msPerStep, 0);
    expect(rows[0]?.demand).toBeCloseTo((16 * 1000) / round, 6);
    const table = demandTable(rows, args);
    expect(table.split('\n')).toHaveLength(3 + rows.length);
    expect(table).toMatch(/\| motion \| [\d.]+ \| [\d.]+ \| \d+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/);
  }, 120_000);

  describe('invalid parameters', () => {
    it('names the flag', async () => {
      const run = (argv: string[]) => benchCommand(argv, new AbortController().signal, () => undefined);
      await expect(run(['--stream', 'nope'])).rejects.toThrow('--stream');
      await expect(run(['--stream', 'exemplar', '--threads', '0'])).rejects.toThrow('--threads');
      await expect(run(['--stream', 'exemplar', '--only', 'trainer'])).rejects.toThrow('--stream, --demand and --only exclude each other');
      await expect(run(['--demand', '--only', 'trainer'])).rejects.toThrow('--stream, --demand and --only exclude each other');
    });
  });
});
