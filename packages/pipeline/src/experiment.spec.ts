// Smoke version of the comparison on the small preset: a generated corpus of 32-px images in three
// classes and the embedded default corpus's videos, a few steps a row, two seeds, the baselines,
// two lanes (child processes of the built unit entry), then a rerun that resumes by skipping every unit.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { experiment } from './experiment';
import type { ExperimentOptions } from './experiment-options';

const repo = join(__dirname, '..', '..', '..');

/** 12 images a class: a class is a colour and a stripe direction, with seeded noise. */
async function writeCorpus(dir: string): Promise<void> {
  const classes = { red: [200, 40, 40], green: [40, 180, 60], blue: [40, 60, 200] } as const;
  let seed = 1;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 60 - 30;
  for (const [name, rgb] of Object.entries(classes)) {
    mkdirSync(join(dir, name), { recursive: true });
    for (let i = 0; i < 12; i++) {
      const px = Buffer.alloc(32 * 32 * 3);
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          const stripe = (name === 'red' ? x : name === 'green' ? y : x + y) % 8 < 4 ? 1 : 0.5;
          for (let c = 0; c < 3; c++) px[(y * 32 + x) * 3 + c] = Math.max(0, Math.min(255, Math.round((rgb[c] as number) * stripe + noise())));
        }
      }
      await sharp(px, { raw: { width: 32, height: 32, channels: 3 } }).jpeg({ quality: 90 }).toFile(join(dir, name, `${i}.jpg`));
    }
  }
}

describe('experiment (smoke, small preset)', () => {
  it('pretrains, probes and writes the table, plot and report; a rerun skips finished units', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mtssl-exp-'));
    await writeCorpus(join(root, 'images'));
    const manifest = join(root, 'small.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        version: 1,
        name: 'small-smoke',
        generator: { name: 'default-corpus', root: join(repo, '.cache', 'default-corpus') },
        images: [{ folder: 'images', labels: 'subfolders' }],
        videos: [{ folder: join(repo, '.cache', 'default-corpus', 'videos') }],
        split: { test: 0.25, seed: 0 },
      }),
    );
    const out = join(root, 'exp');
    const options: Partial<ExperimentOptions> = { manifest, preset: 'small', steps: 4, batchSize: 4, seeds: 2, rows: ['rp', 'all', 'random', 'supervised'] };
    const run = async () => {
      const lines: string[] = [];
      await experiment({ ...options, supervisedEpochs: 1, curvePoints: 2, jobs: 2, out, backend: 'wasm' }, new AbortController().signal, (l) => lines.push(l));
      return lines.join('\n');
    };
    const first = await run();
    expect(first).toContain('experiment: probe on 27 train images, test set holdout: 9 images');
    const table = readFileSync(join(out, 'table.md'), 'utf8');
    expect(table).toContain('| Rel. position | 2 | 16 |');
    expect(table).toContain('| RP+Col+Ex+MS | 2 | 16 |');
    expect(table).toContain('| random init | 2 | 0 |');
    expect(table).toContain('| supervised | 1 | 0 |');
    // lanes relay their units' log lines, each with its unit's id
    expect(first).toMatch(/^\[rp-s0\] /m);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { units: Array<{ id: string; linear: Array<{ top1: number }>; knn: { top1: number }; curve: unknown[] }> };
    expect(results.units.map((u) => u.id).sort()).toEqual(['all-s0', 'all-s1', 'random-s0', 'random-s1', 'rp-s0', 'rp-s1', 'supervised-s0']);
    for (const u of results.units) {
      expect(u.linear).toHaveLength(3);
      // three classes told apart by colour: every trunk's block-3 probe and kNN are far above chance (1/3)
      expect(u.linear[2]?.top1).toBeGreaterThanOrEqual(0.6);
      expect(u.knn.top1).toBeGreaterThanOrEqual(0.6);
    }
    // Seed 0 of a curve row is probed after each of its 2 segments.
    expect(results.units.find((u) => u.id === 'all-s0')?.curve).toHaveLength(2);
    expect(results.units.find((u) => u.id === 'all-s1')?.curve).toHaveLength(0);
    expect(existsSync(join(out, 'report', 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'report', 'probe-curve.png'))).toBe(true);
    const again = await run();
    expect(again).not.toContain('[rp-s0]');
    expect(readFileSync(join(out, 'table.md'), 'utf8')).toBe(table);
  }, 600_000);
});
