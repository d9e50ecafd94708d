import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { BadInputError, checkSample, ResolvedManifest, StreamContext, StreamItem, StreamProgress } from '@mtssl/core';
import { exemplarStream } from './stream';

const tiny = exemplarStream.resolveOptions(exemplarStream.presets.tiny);

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
  const stream = exemplarStream.open(manifestOf(files), options, ctx);
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return { items, report: stream.report, schema: stream.schema };
}

describe('exemplarStream', () => {
  let dir: string;
  let good: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ex-stream-'));
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
      const [anchorId, negativeId] = Array.from(item.sample['seed_ids'] as Int32Array) as [number, number];
      // Seeds of one image are ids image * 2 + (0 | 1): the negative comes from another image.
      expect(Math.floor(anchorId / 2)).not.toBe(Math.floor(negativeId / 2));
      expect(negativeId).toBeLessThan(8);
    }
    // Every seed serves once as the anchor in the first epoch of 8 positions.
    const anchors = items.slice(0, 8).map((i) => (i.sample['seed_ids'] as Int32Array)[0]);
    expect(new Set(anchors).size).toBe(8);
    expect(report.toJSON()).toMatchObject({ samplesWritten: 12, inputsSeen: 4, skipped: [] });
    expect(exemplarStream.defaultTotal(manifestOf(good), tiny)).toBe(8);
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

  it("takes the next sample's anchor as the negative when it is another image (one decode for two samples)", async () => {
    const { items } = await collect(good, { total: 24 });
    const ids = items.map((i) => Array.from(i.sample['seed_ids'] as Int32Array) as [number, number]);
    let shared = 0;
    for (let k = 0; k + 1 < ids.length; k++) {
      const [anchor, negative] = ids[k] as [number, number];
      const next = (ids[k + 1] as [number, number])[0];
      if (Math.floor(next / 2) !== Math.floor(anchor / 2)) {
        expect(negative).toBe(next);
        shared++;
      }
    }
    expect(shared).toBeGreaterThan(15);
  });

  it('needs two images for negatives', () => {
    expect(() => exemplarStream.open(manifestOf(good.slice(0, 1)), tiny, { seed: 1, threads: 1, policy: 'skip', total: 1 })).toThrow(
      'exemplar: negatives come from another image, manifest fixture lists 1',
    );
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
      await noiseJpeg(bad['small'] as string, 12, 9, 1);
    });

    it('skips each bad file with a clear reason and loses nothing else', async () => {
      const files = [...good, ...Object.values(bad)];
      const total = 2 * files.length;
      let last: StreamProgress | undefined;
      const { items, report } = await collect(files, { total, threads: 2, onProgress: (p) => (last = p) });
      const reasons = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
      expect(reasons[bad['empty'] as string]).toBe('empty file: 0 bytes');
      expect(reasons[bad['truncated'] as string]).toMatch(/^truncated image: /);
      expect(reasons[bad['corrupt'] as string]).toMatch(/^corrupt image: /);
      expect(reasons[bad['text'] as string]).toMatch(/^not an image: /);
      expect(reasons[bad['small'] as string]).toBe('too small: 12x9 < patch of 16 px');
      expect(report.skipped).toHaveLength(5);
      // Every position whose anchor is good yields (a bad negative is replaced by the next candidate):
      // total = one epoch = every seed the anchor once, so the good images' seeds, 2 each.
      expect(items).toHaveLength(2 * good.length);
      const goodSet = new Set(good);
      const ids = items.map((i) => Array.from(i.sample['seed_ids'] as Int32Array));
      for (const [a, n] of ids) {
        expect(goodSet.has(files[Math.floor((a as number) / 2)] as string)).toBe(true);
        expect(goodSet.has(files[Math.floor((n as number) / 2)] as string)).toBe(true);
      }
      expect(last?.samples).toBe(items.length);
      expect(last?.done).toBe(total);
      expect((last?.samples ?? 0) + (last?.skipped ?? 0)).toBe(total);
      expect(items.length).toBeGreaterThan(0);
    });

    it('keeps the samples of the good-only run when a bad image is added, and a replaced negative is named', async () => {
      // the good-only run's anchors on the same positions: adding a bad file must not cost any of them
      const files = [...good, bad['corrupt'] as string];
      const { items, report } = await collect(files, { total: 2 * files.length });
      expect(items).toHaveLength(2 * good.length);
      expect(report.skipped.map((s) => s.file)).toEqual([bad['corrupt']]);
      // where the next anchor is the bad image, a random readable image stands in as the negative
      for (const item of items) expect(files[Math.floor((item.sample['seed_ids'] as Int32Array)[1] as number / 2)]).not.toBe(bad['corrupt']);
    });

    it('stops under policy fail, naming the file', async () => {
      const run = collect([good[0] as string, bad['truncated'] as string], { policy: 'fail', total: 4 });
      await expect(run).rejects.toThrow(BadInputError);
      await expect(collect([good[0] as string, bad['truncated'] as string], { policy: 'fail', total: 4 })).rejects.toThrow(
        `${bad['truncated']}: truncated image`,
      );
    });
  });

  it('renders a preview sheet', async () => {
    const { items } = await collect(good, { total: 4 });
    const file = join(dir, 'preview.png');
    await exemplarStream.preview(items, file, tiny);
    expect(existsSync(file)).toBe(true);
    const meta = await sharp(file).metadata();
    expect(meta.format).toBe('png');
    expect(readdirSync(dir)).toContain('preview.png');
  });
});
