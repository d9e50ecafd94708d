import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { loadManifest } from '@mtssl/core';
import { selectBackend } from '@mtssl/tfjs-wasm-training';
import { createTrunk } from '@mtssl/trainer';
import { defaultPreviews, runInputSize } from './eval-run';
import { retrievalFigure } from './eval-retrieval';

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

describe('eval nearest-neighbour figure', () => {
  it('writes one row per held-out class, this run beside random init, and the same-class shares', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mtssl-eval-nn-'));
    for (const [name, rgb] of Object.entries({ red: [210, 40, 40], blue: [40, 50, 200] })) {
      mkdirSync(join(root, 'images', name), { recursive: true });
      for (let i = 0; i < 8; i++) {
        const px = Buffer.alloc(32 * 32 * 3, 0).map((_, p) => Math.min(255, (rgb[p % 3] as number) + ((p * 7 + i * 13) % 30)));
        await sharp(px, { raw: { width: 32, height: 32, channels: 3 } }).png().toFile(join(root, 'images', name, `${i}.png`));
      }
    }
    const manifest = join(root, 'm.json');
    writeFileSync(manifest, JSON.stringify({ version: 1, name: 'nn', images: [{ folder: 'images', labels: 'subfolders' }], split: { test: 0.25, seed: 0 } }));
    await selectBackend('cpu', { log: () => undefined });
    const trunk = createTrunk('tiny', 3);
    const start = tf.memory().numTensors;
    try {
      const fig = await retrievalFigure(trunk, await loadManifest(manifest), 32, 0, root);
      expect(fig?.file).toBe(join(root, 'neighbours.png'));
      expect(Object.keys(fig?.neighbours ?? {})).toEqual(['this run', 'random init']);
      expect(fig?.neighbours['this run']).toHaveLength(2);
      for (const share of Object.values(fig?.sameClass ?? {})) expect(share).toBeGreaterThanOrEqual(0);
      expect((await sharp(fig?.file as string).metadata()).width).toBeGreaterThan(11 * 32);
      expect(tf.memory().numTensors).toBe(start);
    } finally {
      trunk.dispose();
    }
  }, 60_000);
});
