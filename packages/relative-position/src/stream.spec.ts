import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { BadInputError, checkSample, ResolvedManifest, StreamContext, StreamItem } from '@mtssl/core';
import { relativePositionStream } from './stream';

const tiny = relativePositionStream.resolveOptions(relativePositionStream.presets.tiny);

async function noiseJpeg(file: string, width: number, height: number, seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 31 + seed * 97 + ((i / 3) % width) * 2) & 255;
  const jpg = await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  writeFileSync(file, jpg);
  return jpg;
}

function manifestOf(files: string[]): ResolvedManifest {
  return { name: 'fixture', file: '/none', images: files.map((path) => ({ path, split: 'train' })), videos: [], labels: [] };
}

async function collect(files: string[], context: Partial<StreamContext>, options = tiny) {
  const ctx: StreamContext = { seed: 11, threads: 1, policy: 'skip', total: 12, ...context };
  const stream = relativePositionStream.open(manifestOf(files), options, ctx);
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return { items, report: stream.report, schema: stream.schema };
}

describe('relativePositionStream', () => {
  let dir: string;
  let good: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rp-stream-'));
    good = [];
    for (let i = 0; i < 4; i++) {
      const file = join(dir, `good${i}.jpg`);
      await noiseJpeg(file, 80 + 8 * i, 64 + 4 * i, i);
      good.push(file);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('emits samples that match the schema', async () => {
    const { items, report, schema } = await collect(good, {});
    expect(items.map((i) => i.index)).toEqual([...Array(12).keys()]);
    for (const item of items) {
      checkSample(schema, item.sample);
      const label = item.sample['label']?.[0] as number;
      expect(label).toBeGreaterThanOrEqual(0);
      expect(label).toBeLessThanOrEqual(7);
    }
    expect(report.toJSON()).toMatchObject({ samplesWritten: 12, inputsSeen: 4, skipped: [] });
    expect(relativePositionStream.defaultTotal(manifestOf(good), tiny)).toBe(4);
  });

  it('is identical for 1 and 2 threads and for any start index', async () => {
    const one = await collect(good, { threads: 1 });
    const two = await collect(good, { threads: 2 });
    const resumed = await collect(good, { threads: 2, startIndex: 7 });
    expect(two.items).toEqual(one.items);
    expect(resumed.items).toEqual(one.items.slice(7));
    const otherSeed = await collect(good, { seed: 12 });
    expect(otherSeed.items).not.toEqual(one.items);
  });

  it('visits every image once per epoch', async () => {
    const { items } = await collect(good, { total: 8 }, { ...tiny, chromaGuard: 'none' });
    // Samples of one epoch come from 4 distinct images: no two share both patches' pixels.
    const firstEpoch = items.slice(0, 4).map((i) => Buffer.from(i.sample['patches'] as Uint8Array).toString('hex'));
    expect(new Set(firstEpoch).size).toBe(4);
  });

  describe('bad input', () => {
    let bad: Record<string, string>;
    beforeAll(async () => {
      const jpg = await noiseJpeg(join(dir, 'source.jpg'), 80, 64, 9);
      bad = {
        empty: join(dir, 'empty.jpg'),
        truncated: join(dir, 'truncated.jpg'),
        corrupt: join(dir, 'corrupt.jpg'),
        text: join(dir, 'text.png'),
        small: join(dir, 'small.jpg'),
      };
      writeFileSync(bad['empty'] as string, Buffer.alloc(0));
      writeFileSync(bad['truncated'] as string, jpg.subarray(0, jpg.length >> 1));
      writeFileSync(bad['corrupt'] as string, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(400, 0x5a)]));
      writeFileSync(bad['text'] as string, 'this is not an image\n');
      await noiseJpeg(bad['small'] as string, 40, 30, 1);
    });

    it('skips each bad file with a clear reason and loses nothing else', async () => {
      const files = [...good, ...Object.values(bad)];
      const total = 2 * files.length;
      const { items, report } = await collect(files, { total, threads: 2 });
      const reasons = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
      expect(reasons[bad['empty'] as string]).toBe('empty file: 0 bytes');
      expect(reasons[bad['truncated'] as string]).toMatch(/^truncated image: /);
      expect(reasons[bad['corrupt'] as string]).toMatch(/^corrupt image: /);
      expect(reasons[bad['text'] as string]).toMatch(/^not an image: /);
      expect(reasons[bad['small'] as string]).toBe('too small: 40x30 < 3 cells of 20 px');
      expect(report.skipped).toHaveLength(5);
      // Two epochs: every good image yields exactly twice.
      expect(items).toHaveLength(2 * good.length);
      const clean = await collect(good, { total: 2 * good.length });
      expect(new Set(items.map((i) => i.index)).size).toBe(items.length);
      expect(clean.items).toHaveLength(items.length);
    });

    it('stops under policy fail, naming the file', async () => {
      const run = collect([good[0] as string, bad['truncated'] as string], { policy: 'fail', total: 4 });
      await expect(run).rejects.toThrow(BadInputError);
      await expect(collect([bad['truncated'] as string], { policy: 'fail', total: 1 })).rejects.toThrow(
        `${bad['truncated']}: truncated image`,
      );
    });
  });

  it('renders a preview sheet', async () => {
    const { items } = await collect(good, { total: 4 });
    const file = join(dir, 'preview.png');
    await relativePositionStream.preview(items, file, tiny);
    expect(existsSync(file)).toBe(true);
    const meta = await sharp(file).metadata();
    expect(meta.format).toBe('png');
    expect(readdirSync(dir)).toContain('preview.png');
  });
});
