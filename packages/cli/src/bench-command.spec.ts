// bench --stream: the timed per-stream mode the pipeline peer's side-by-side script calls.
import { join } from 'node:path';
import { benchCommand } from './bench-command';
import { benchStream } from './bench-stream';

const manifest = join(__dirname, '..', '..', '..', 'data-manifests', 'default.json');

describe('bench --stream', () => {
  it('times one stream after a warm-up and reports samples/s with what it ran', async () => {
    const r = await benchStream({ task: 'relative-position', threads: 1, seconds: 1, warmup: 0.5, manifest, preset: 'tiny' }, new AbortController().signal);
    expect(r).toMatchObject({ side: 'project', task: 'relative-position', threads: 1, preset: 'tiny' });
    expect(r.samples).toBeGreaterThan(0);
    expect(r.seconds).toBeGreaterThanOrEqual(1);
    expect(r.samples_per_s).toBeCloseTo(r.samples / r.seconds, 0);
    expect(r.files).toBeGreaterThan(0);
    expect(r.options).toHaveProperty('patchSize');
  }, 60_000);

  describe('invalid parameters', () => {
    it('names the flag', async () => {
      const run = (argv: string[]) => benchCommand(argv, new AbortController().signal, () => undefined);
      await expect(run(['--stream', 'nope'])).rejects.toThrow('--stream');
      await expect(run(['--stream', 'exemplar', '--threads', '0'])).rejects.toThrow('--threads');
      await expect(run(['--stream', 'exemplar', '--only', 'trainer'])).rejects.toThrow('--stream and --only exclude each other');
    });
  });
});
