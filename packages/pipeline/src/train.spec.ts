// train on the embedded corpus: from live streams (no shards between) with resume and export, and over a
// colorization dataset a killed preprocess left without its extras.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportTrunk } from './export-trunk';
import { epochSeed } from './live-streams';
import { train } from './train';
import type { TrainRunOptions } from './train-options';

const manifest = join(__dirname, '..', '..', '..', 'data-manifests', 'default.json');

describe('train, live', () => {
  it('trains from live streams and resumes where the streams stopped', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mtssl-live-cli-'));
    const out = join(root, 'run');
    const lines: string[] = [];
    const options: Partial<TrainRunOptions> = { manifest, tasks: ['relative-position', 'motion'], preset: 'tiny', live: true, out, backend: 'wasm', batchSize: 4 };
    await train({ ...options, steps: 2 }, new AbortController().signal, (l) => lines.push(l));
    await train({ ...options, steps: 4, resume: true, winograd: false }, new AbortController().signal, (l) => lines.push(l));
    expect(lines.some((l) => l.includes('(live streams)'))).toBe(true);
    const convolutions = lines.filter((l) => l.startsWith('wasm convolutions:'));
    expect(convolutions).toHaveLength(2);
    expect(convolutions[0]).toContain('Winograd F(2x2, 3x3)');
    expect(convolutions[1]).toContain('Winograd off');
    expect(lines.some((l) => l.startsWith('resumed from'))).toBe(true);
    const records = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step: number; task: string });
    expect(records.map((r) => r.step)).toEqual([1, 2, 3, 4]);
    expect(new Set(records.map((r) => r.task))).toEqual(new Set(['relative-position', 'motion']));
    const latest = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as { checkpoint: string };
    const state = JSON.parse(readFileSync(join(out, latest.checkpoint, 'state.json'), 'utf8')) as {
      cursors: Record<string, { position: number }>;
      config: { datasets: Record<string, string> };
    };
    expect(state.cursors['motion']?.position).toBeGreaterThan(0);
    expect(state.config.datasets).toEqual({ 'relative-position': '(live stream)', motion: '(live stream)' });
    // every finished run leaves its trunk as a Layers model too; exportTrunk rewrites it elsewhere on request
    const exported = JSON.parse(readFileSync(join(out, 'layers-model', 'model.json'), 'utf8')) as { format: string; userDefinedMetadata: { mtssl: { source: string } } };
    expect(exported.format).toBe('layers-model');
    expect(exported.userDefinedMetadata.mtssl.source).toBe(join(out, latest.checkpoint));
    const elsewhere = join(root, 'exported');
    await exportTrunk({ checkpoint: out, out: elsewhere }, (l) => lines.push(l));
    expect(readFileSync(join(elsewhere, 'weights.bin'))).toEqual(readFileSync(join(out, 'layers-model', 'weights.bin')));
    expect(lines[lines.length - 1]).toMatch(/^export: .* -> .*exported\/model\.json \(\d+ layers, [\d,]+ parameters\)$/);
  }, 300_000);

  it('keeps epoch 0 on the run seed and derives the others', () => {
    expect(epochSeed(5, 0)).toBe(5);
    expect(epochSeed(5, 1)).not.toBe(5);
    expect(epochSeed(5, 1)).toBe(epochSeed(5, 1));
    expect(epochSeed(5, 1)).not.toBe(epochSeed(5, 2));
  });

  it('rejects a bad thread count', async () => {
    await expect(train({ live: true, liveThreads: 0 }, new AbortController().signal, () => undefined)).rejects.toThrow('liveThreads must be a positive integer, got 0');
  });
});

describe('exportTrunk: invalid parameters', () => {
  it('names the missing or unknown option, or the missing run', async () => {
    await expect(exportTrunk({ checkpoint: '' }, () => undefined)).rejects.toThrow('checkpoint must be a non-empty string, got ""');
    await expect(exportTrunk({ checkpoint: 'x', bogus: 1 } as Parameters<typeof exportTrunk>[0], () => undefined)).rejects.toThrow('export: unknown option "bogus"');
    await expect(exportTrunk({ checkpoint: join(tmpdir(), 'no-such-run') }, () => undefined)).rejects.toThrow(/no-such-run/);
  });
});

describe('train over a colorization dataset without its extras', () => {
  it('has preprocess repair it first instead of training with uniform class weights', async () => {
    const { readFileSync: read, writeFileSync: write } = await import('node:fs');
    const root = mkdtempSync(join(tmpdir(), 'mtssl-extras-'));
    const shards = join(root, 'shards');
    const lines: string[] = [];
    const options: Partial<TrainRunOptions> = { manifest, tasks: ['colorization'], preset: 'tiny', shards, backend: 'wasm', batchSize: 2, steps: 1 };
    await train({ ...options, out: join(root, 'a') }, new AbortController().signal, (l) => lines.push(l));
    const file = join(shards, 'colorization', 'dataset.json');
    const info = JSON.parse(read(file, 'utf8')) as { extras: Record<string, unknown> };
    expect(info.extras).toHaveProperty('rebalance');
    write(file, JSON.stringify({ ...info, extras: {} }));
    lines.length = 0;
    await train({ ...options, out: join(root, 'b') }, new AbortController().signal, (l) => lines.push(l));
    expect(lines.some((l) => l.includes('complete but without its extras'))).toBe(true);
    expect(lines.some((l) => l.includes('using uniform class weights'))).toBe(false);
    expect(JSON.parse(read(file, 'utf8')).extras).toEqual(info.extras);
  }, 300_000);
});
