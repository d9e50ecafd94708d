import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPreviews, runInputSize } from './eval-command';

describe('eval input size', () => {
  const root = mkdtempSync(join(tmpdir(), 'mtssl-eval-size-'));

  function run(name: string, config: object | null): string {
    const dir = join(root, name);
    mkdirSync(join(dir, 'ckpt-00000001'), { recursive: true });
    writeFileSync(join(dir, 'latest.json'), JSON.stringify({ checkpoint: 'ckpt-00000001', step: 1 }));
    if (config) writeFileSync(join(dir, 'ckpt-00000001', 'state.json'), JSON.stringify({ config }));
    return dir;
  }

  it.each([
    ['tiny', 32],
    ['small', 32],
    ['cpu', 64],
    ['paper', 224],
  ])("follows the run's %s preset", async (preset, size) => {
    const lines: string[] = [];
    expect(await runInputSize(run(preset, { preset }), (l) => lines.push(l))).toBe(size);
    expect(lines).toEqual([`eval: input size ${size} (the run's ${preset} preset)`]);
  });

  it('falls back to 64 and says so when the run names no preset', async () => {
    const lines: string[] = [];
    expect(await runInputSize(run('bare', null), (l) => lines.push(l))).toBe(64);
    expect(await runInputSize(run('odd', { preset: 'huge' }), (l) => lines.push(l))).toBe(64);
    expect(lines[0]).toMatch(/input size 64 \(the run names no preset/);
  });
});

describe('eval previews', () => {
  const root = mkdtempSync(join(tmpdir(), 'mtssl-eval-previews-'));

  it("finds the preview sheets beside the shards the run's state records, and the run's own", async () => {
    const shards = join(root, 'shards');
    mkdirSync(join(shards, 'previews'), { recursive: true });
    writeFileSync(join(shards, 'previews', 'motion.png'), 'png');
    writeFileSync(join(shards, 'previews', 'exemplar-harmonized.png'), 'png');
    const dir = join(root, 'run');
    mkdirSync(join(dir, 'ckpt-00000002'), { recursive: true });
    mkdirSync(join(dir, 'previews'), { recursive: true });
    writeFileSync(join(dir, 'previews', 'extra.png'), 'png');
    writeFileSync(join(dir, 'latest.json'), JSON.stringify({ checkpoint: 'ckpt-00000002', step: 2 }));
    const datasets = { motion: join(shards, 'motion'), exemplar: join(shards, 'exemplar-harmonized'), colorization: join(shards, 'colorization'), 'relative-position': '(live stream)' };
    writeFileSync(join(dir, 'ckpt-00000002', 'state.json'), JSON.stringify({ config: { preset: 'tiny', datasets } }));
    expect(await defaultPreviews(dir)).toEqual([join(shards, 'previews', 'motion.png'), join(shards, 'previews', 'exemplar-harmonized.png'), join(dir, 'previews', 'extra.png')]);
    expect(await defaultPreviews(join(root, 'no-run'))).toEqual([]);
  });
});
