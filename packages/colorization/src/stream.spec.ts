import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { DatasetWriter, openDataset, PoolCache, ResolvedManifest, StreamItem, writeStreamShards } from '@mtssl/core';
import { resolveColorizationOptions } from './options';
import { colorizationStream } from './stream';

const tiny = resolveColorizationOptions({ inputSize: 32 });

async function colourJpeg(file: string, width: number, height: number, phase: number): Promise<Buffer> {
  const raw = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      raw.set([(x * 5 + phase) % 256, (y * 7 + phase * 3) % 256, (x + y + phase * 5) % 256], (y * width + x) * 3);
    }
  }
  const jpeg = await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  writeFileSync(file, jpeg);
  return jpeg;
}

async function greyJpeg(file: string): Promise<void> {
  const raw = new Uint8Array(64 * 48 * 3);
  for (let p = 0; p < 64 * 48; p++) raw.fill((p * 3) % 256, p * 3, p * 3 + 3);
  writeFileSync(file, await sharp(raw, { raw: { width: 64, height: 48, channels: 3 } }).jpeg().toBuffer());
}

function manifestOf(files: string[]): ResolvedManifest {
  return { name: 'test', file: '/nowhere/manifest.json', images: files.map((p) => ({ path: p, split: 'train' as const })), videos: [], labels: [] };
}

async function collect(files: string[], options = tiny, threads = 1, policy: 'skip' | 'fail' = 'skip', total = files.length) {
  const stream = colorizationStream.open(manifestOf(files), options, { seed: 7, threads, policy, total });
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return { items, report: stream.report };
}

describe('colorizationStream', () => {
  let dir: string;
  const good: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'colorization-'));
    for (let i = 0; i < 4; i++) {
      good.push(path.join(dir, `colour${i}.jpg`));
      await colourJpeg(good[i], 72 + i * 8, 56, i * 40);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the same samples whether or not workers keep decoded images between epochs", async () => {
    const run = async (pools: PoolCache) => {
      try {
        const stream = colorizationStream.open(manifestOf(good), tiny, { seed: 7, threads: 1, policy: 'skip', total: 12, pools });
        const items: StreamItem[] = [];
        for await (const item of stream) items.push(item);
        return items;
      } finally {
        await pools.close();
      }
    };
    const kept = await run(new PoolCache());
    const decodedEachTime = await run(new PoolCache({ decodeCacheMiB: 0 }));
    expect(kept.length).toBe(12);
    kept.forEach((item, n) => {
      for (const field of ['input', 'ab_bins', 'ab_weights', 'sample_weight']) {
        expect(Buffer.from(item.sample[field].buffer).equals(Buffer.from(decodedEachTime[n].sample[field].buffer))).toBe(true);
      }
    });
  });

  it('emits samples matching the schema, identical for 1 and 2 worker threads', async () => {
    const one = await collect(good, tiny, 1, 'skip', 6);
    const two = await collect(good, tiny, 2, 'skip', 6);
    expect(one.items.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(two.items.length).toBe(6);
    one.items.forEach((item, n) => {
      for (const field of ['input', 'ab_bins', 'ab_weights', 'sample_weight']) {
        expect(Array.from(two.items[n].sample[field])).toEqual(Array.from(item.sample[field]));
      }
      expect(item.sample['input'].length).toBe(32 * 32);
      expect(item.sample['ab_bins'].length).toBe(4 * 4 * 5);
      expect(item.sample['sample_weight'][0]).toBe(1);
    });
    expect(one.report.samplesWritten).toBe(6);
    // a different seed gives different crops
    const other = colorizationStream.open(manifestOf(good), tiny, { seed: 8, threads: 1, policy: 'skip', total: 1 });
    for await (const item of other) expect(Array.from(item.sample['input'])).not.toEqual(Array.from(one.items[0].sample['input']));
  });

  it('reports every kind of bad input with a clear reason', async () => {
    const bytes = readFileSync(good[0]);
    const files = {
      zero: path.join(dir, 'zero.jpg'),
      text: path.join(dir, 'text.jpg'),
      truncated: path.join(dir, 'truncated.jpg'),
      corrupt: path.join(dir, 'corrupt.jpg'),
      small: path.join(dir, 'small.png'),
      fifo: path.join(dir, 'fifo.jpg'),
      dangling: path.join(dir, 'dangling.jpg'),
      folder: path.join(dir, 'folder.jpg'),
    };
    execFileSync('mkfifo', [files.fifo]);
    symlinkSync(path.join(dir, 'gone.jpg'), files.dangling);
    mkdirSync(files.folder);
    writeFileSync(files.zero, Buffer.alloc(0));
    writeFileSync(files.text, 'this is not an image\n');
    writeFileSync(files.truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const corrupt = Buffer.from(bytes);
    corrupt.fill(0x5a, 2, 200);
    writeFileSync(files.corrupt, corrupt);
    await sharp({ create: { width: 20, height: 16, channels: 3, background: { r: 200, g: 0, b: 0 } } }).png().toFile(files.small);
    const { items, report } = await collect([good[0], ...Object.values(files)]);
    expect(items.length).toBe(1);
    const reasons = Object.fromEntries(report.skipped.map((s) => [path.basename(s.file), s.reason]));
    expect(reasons['zero.jpg']).toBe('empty file: 0 bytes');
    expect(reasons['text.jpg']).toMatch(/^not an image: /);
    expect(reasons['truncated.jpg']).toMatch(/^truncated image: /);
    expect(reasons['corrupt.jpg']).toMatch(/^(corrupt|truncated) image: /);
    expect(reasons['small.png']).toBe('too small: 20x16 < minImageSize 32');
    // never read: a FIFO would block readFile for ever
    expect(reasons['fifo.jpg']).toBe('not a regular file (a FIFO)');
    expect(reasons['dangling.jpg']).toBe('unreadable: no such file (or a dangling link)');
    expect(reasons['folder.jpg']).toBe('not a regular file (a directory)');
    expect(report.skipped.length).toBe(8);
  });

  it("stops with the file named under policy 'fail'", async () => {
    const bad = path.join(dir, 'bad-for-fail.jpg');
    writeFileSync(bad, Buffer.alloc(0));
    await expect(collect([good[0], bad], tiny, 1, 'fail')).rejects.toThrow(`${bad}: empty file: 0 bytes`);
  });

  it('skips or down-weights near-grayscale images', async () => {
    const grey = path.join(dir, 'grey.jpg');
    await greyJpeg(grey);
    const skipped = await collect([grey, good[1]]);
    expect(skipped.items.length).toBe(1);
    expect(skipped.report.skipped[0].reason).toMatch(/^grayscale: mean chroma \d+\.\d < 3$/);
    // grayscale is not damage: policy 'fail' records it and carries on
    const strict = await collect([grey, good[1]], tiny, 1, 'fail');
    expect(strict.items.length).toBe(1);
    expect(strict.report.skipped.length).toBe(1);
    const kept = await collect([grey, good[1]], resolveColorizationOptions({ inputSize: 32, grayscale: 'down-weight', grayscaleWeight: 0.25 }));
    expect(kept.items.length).toBe(2);
    expect(kept.items.map((i) => i.sample['sample_weight'][0]).sort()).toEqual([0.25, 1]);
    expect(kept.report.skipped.length).toBe(0);
  });

  it('renders a preview sheet of L, true and decoded colours', async () => {
    const { items } = await collect(good.slice(0, 2));
    const file = path.join(dir, 'preview.png');
    await colorizationStream.preview(items, file, tiny);
    const meta = await sharp(file).metadata();
    // 3 tiles of 32 px at scale 3 per row, 2 rows
    expect(meta.width).toBeGreaterThanOrEqual(3 * 96);
    expect(meta.height).toBeGreaterThanOrEqual(2 * 96);
  });

  it('finalize stores 313 rebalancing weights with expectation 1 under the histogram', async () => {
    const out = path.join(dir, 'dataset');
    const stream = colorizationStream.open(manifestOf(good), tiny, { seed: 3, threads: 1, policy: 'skip', total: 8 });
    const writer = await DatasetWriter.open(out, stream.schema, { samplesPerShard: 3 });
    await writeStreamShards(stream, writer);
    const extras = await colorizationStream.finalize?.(out, tiny);
    const rebalance = extras?.['rebalance'] as number[];
    const histogram = extras?.['binHistogram'] as number[];
    expect(rebalance.length).toBe(313);
    expect((extras?.['binCenters'] as number[][]).length).toBe(313);
    const total = histogram.reduce((s, h) => s + h, 0);
    expect(total).toBeCloseTo(8 * 16, 3); // 8 samples x 16 target pixels, weights sum 1 each
    expect(histogram.reduce((s, h, q) => s + (h / total) * rebalance[q], 0)).toBeCloseTo(1, 4);
    const dataset = await openDataset(out);
    expect((dataset.info.extras as Record<string, unknown>)['rebalance']).toEqual(rebalance);
    await dataset.close();
  });
});
