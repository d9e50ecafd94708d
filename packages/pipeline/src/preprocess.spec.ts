// Shards that move and fan out: N `shard: i/N` runs merged equal one whole run record for record,
// a copied dataset folder is recognised as up to date, a dataset grows when only the count changes,
// and a settings mismatch is one line naming the setting.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { datasetRecordDigests, LOCK_FILE, readDatasetInfo } from '@mtssl/core';
import { preprocess } from './preprocess';
import { PreprocessOptions, resolvePreprocessOptions } from './preprocess-options';

let root: string;
let manifest: string;
const quiet = (): void => undefined;
const signal = new AbortController().signal;

/** 16 seeded-noise 32-px JPEGs, and a manifest for them. */
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mtssl-preprocess-'));
  const images = join(root, 'data', 'images');
  mkdirSync(images, { recursive: true });
  let seed = 7;
  for (let i = 0; i < 16; i++) {
    const px = Buffer.alloc(32 * 32 * 3);
    for (let p = 0; p < px.length; p++) px[p] = ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 200) + ((p / 3) % 32) + 20;
    await sharp(px, { raw: { width: 32, height: 32, channels: 3 } }).jpeg({ quality: 90 }).toFile(join(images, `${i}.jpg`));
  }
  manifest = join(root, 'data', 'm.json');
  writeFileSync(manifest, JSON.stringify({ version: 1, name: 'fanout', images: [{ folder: 'images' }] }));
});

const BASE: Partial<PreprocessOptions> = { preset: 'small', tasks: ['relative-position', 'colorization'], samples: 30, preview: 0, threads: 1 };
const run = (out: string, extra: Partial<PreprocessOptions> = {}, log: (line: string) => void = quiet) => preprocess({ manifest, ...BASE, out, ...extra }, signal, log);


describe('preprocess shard i/N', () => {
  it('N partial runs merged equal one whole run, record for record, extras and report included', async () => {
    const whole = join(root, 'whole');
    const fanned = join(root, 'fanned');
    await run(whole);
    for (const i of [2, 0, 1]) {
      const r = await run(fanned, { shard: { index: i, of: 3 } });
      expect(r.outcomes.every((o) => o.dir.includes(`.parts/${i}-of-3`))).toBe(true);
    }
    expect(readdirSync(fanned).sort()).toEqual(['colorization.parts', 'relative-position.parts']);
    await run(fanned);
    expect(readdirSync(fanned).sort()).toEqual(['colorization', 'relative-position']);
    for (const task of ['relative-position', 'colorization']) {
      const [a, b] = [await readDatasetInfo(join(whole, task)), await readDatasetInfo(join(fanned, task))];
      const digests = await datasetRecordDigests(join(whole, task));
      expect(digests.length).toBeGreaterThan(20);
      expect(await datasetRecordDigests(join(fanned, task))).toEqual(digests);
      expect(b.count).toBe(a.count);
      expect(b.complete).toBe(true);
      expect(b.meta).toEqual(a.meta);
      expect(b.extras).toEqual(a.extras);
      // inputs decoded add up over the parts (an image feeding positions of two parts is read by both)
      expect(b.report?.inputsSeen).toBeGreaterThanOrEqual(a.report?.inputsSeen ?? Infinity);
      expect(b.report?.samplesWritten).toBe(a.report?.samplesWritten);
      expect(b.report?.skipped).toEqual(a.report?.skipped);
    }
    expect(Object.keys((await readDatasetInfo(join(fanned, 'colorization'))).extras)).not.toHaveLength(0);
  }, 240_000);

  it('refuses to merge while a part is missing, naming it', async () => {
    const out = join(root, 'missing-part');
    await run(out, { shard: { index: 0, of: 2 }, tasks: ['relative-position'] });
    await expect(run(out, { tasks: ['relative-position'] })).rejects.toThrow(/cannot merge, parts not done: 1\/2/);
  }, 120_000);

  it('rejects a malformed or out-of-range part', () => {
    expect(() => resolvePreprocessOptions({ shard: { index: 3, of: 3 } })).toThrow('shard i/N needs 0 <= i < N, got 3/3');
    expect(() => resolvePreprocessOptions({ shard: { index: -1, of: 3 } })).toThrow('shard.index must be a non-negative integer, got -1');
  });
});

describe('preprocess: interrupted at the edges', () => {
  it('repairs a dataset marked complete whose extras were never written (kill -9 between the two)', async () => {
    const out = join(root, 'no-extras');
    await run(out, { tasks: ['colorization'] });
    const file = join(out, 'colorization', 'dataset.json');
    const info = JSON.parse(readFileSync(file, 'utf8')) as { extras: Record<string, unknown> };
    const extras = info.extras;
    expect(Object.keys(extras).length).toBeGreaterThan(0);
    writeFileSync(file, JSON.stringify({ ...info, extras: {} }));
    const lines: string[] = [];
    await run(out, { tasks: ['colorization'] }, (l) => lines.push(l));
    expect(lines.some((l) => l.includes('complete but without its extras'))).toBe(true);
    expect((await readDatasetInfo(join(out, 'colorization'))).extras).toEqual(extras);
  }, 120_000);

  it('recognises a finished dataset as finished even when its last positions were skipped', async () => {
    const out = join(root, 'trailing');
    const r = await run(out, { tasks: ['relative-position'] });
    const before = await readDatasetInfo(join(out, 'relative-position'));
    // as a run whose last positions were bad inputs leaves it: nextIndex below the total
    writeFileSync(join(out, 'relative-position', 'dataset.json'), JSON.stringify({ ...before, nextIndex: before.nextIndex - 5 }));
    const lines: string[] = [];
    const again = await run(out, { tasks: ['relative-position'] }, (l) => lines.push(l));
    expect(r.outcomes[0]?.upToDate).toBe(false);
    expect(again.outcomes[0]?.upToDate).toBe(true);
    expect(lines.some((l) => l.includes('resuming'))).toBe(false);
    expect((await readDatasetInfo(join(out, 'relative-position'))).report).toEqual(before.report);
  }, 120_000);
});

describe('preprocess: two runs on one shards folder', () => {
  const lockedBy = (dir: string, pid: number) =>
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), since: 'then', token: 'other' }));

  it('reads a finished dataset without rewriting it, even while another run holds its lock', async () => {
    const out = join(root, 'shared-done');
    await run(out, { tasks: ['relative-position'] });
    const file = join(out, 'relative-position', 'dataset.json');
    const before = readFileSync(file, 'utf8');
    lockedBy(join(out, 'relative-position'), process.ppid);
    const again = await run(out, { tasks: ['relative-position'] });
    expect(again.outcomes[0]?.upToDate).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(before);
  }, 120_000);

  it('refuses to write a dataset another live run is writing, naming the folder and the process', async () => {
    const out = join(root, 'shared-busy');
    mkdirSync(join(out, 'relative-position'), { recursive: true });
    lockedBy(join(out, 'relative-position'), process.ppid);
    await expect(run(out, { tasks: ['relative-position'] })).rejects.toThrow(
      `${join(out, 'relative-position')} is being written by another process (pid ${process.ppid}`,
    );
  }, 120_000);
});

describe('preprocess: datasets that move and grow', () => {
  it('accepts a copied shards folder as up to date, and names the setting that differs in one line', async () => {
    const original = join(root, 'orig');
    await run(original, { tasks: ['relative-position'] });
    const moved = join(root, 'elsewhere', 'shards');
    mkdirSync(join(root, 'elsewhere'), { recursive: true });
    cpSync(original, moved, { recursive: true });
    const again = await run(moved, { tasks: ['relative-position'] });
    expect(again.outcomes[0]?.upToDate).toBe(true);
    const meta = JSON.parse(readFileSync(join(moved, 'relative-position', 'dataset.json'), 'utf8')).meta as Record<string, unknown>;
    expect(meta['manifest']).toBe(join('..', '..', '..', 'data', 'm.json'));
    expect(meta['manifestSha256']).toMatch(/^[0-9a-f]{64}$/);
    const error = await run(moved, { tasks: ['relative-position'], seed: 3 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('DatasetError');
    expect((error as Error).message).toMatch(/holds shards made with other settings \(seed: 0 stored, 3 now\); rerun with --fresh/);
    expect((error as Error).message).not.toContain('\n');
  }, 120_000);

  it('grows a finished dataset when only the count changes, to what one run of the larger count writes', async () => {
    const grown = join(root, 'grown');
    await run(grown, { tasks: ['relative-position'], samples: 12 });
    await run(grown, { tasks: ['relative-position'] });
    const straight = join(root, 'straight');
    await run(straight, { tasks: ['relative-position'] });
    expect(await datasetRecordDigests(join(grown, 'relative-position'))).toEqual(await datasetRecordDigests(join(straight, 'relative-position')));
    const info = await readDatasetInfo(join(grown, 'relative-position'));
    expect(info.meta['total']).toBe(30);
    expect(info.report?.samplesWritten).toBe(info.count);
    await expect(run(grown, { tasks: ['relative-position'], samples: 20 })).rejects.toThrow(
      /total: 30 stored, 20 now \(a dataset grows but never shrinks/,
    );
  }, 120_000);
});
