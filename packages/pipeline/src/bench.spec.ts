// benchStream (`bench --stream`): the timed per-stream mode the pipeline peer's side-by-side script calls;
// benchDemand (`bench --demand`): each stream beside the trainer's demand.
import { join } from 'node:path';
import { benchDemand, demandTable } from './bench-demand';
import { benchStream } from './bench-stream';

const manifest = join(__dirname, '..', '..', '..', 'data-manifests', 'default.json');

describe('benchStream and benchDemand', () => {
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

  it('benchStream rejects a bad option by name', async () => {
    const signal = new AbortController().signal;
    await expect(benchStream({ task: 'exemplar', threads: 0, seconds: 1, warmup: 0, manifest, preset: 'tiny' }, signal)).rejects.toThrow('threads must be a positive integer, got 0');
    await expect(benchStream({ task: 'jigsaw' as 'exemplar', threads: 1, seconds: 1, warmup: 0, manifest, preset: 'tiny' }, signal)).rejects.toThrow('task must be one of');
  });

  it('benchDemand sets each stream beside the samples/s the trainer takes of its task', async () => {
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
});
