// The bad-input corpus: good images mixed with every kind of bad one a user's folder can hold, run
// through each image stream under both policies. Asserted: no crash or hang, each bad file named once
// with a reason, every good file's samples present (as many as the good-only run), and 'fail' stopping
// at a bad file. (Videos: the same cases are in packages/motion/src/stream.spec.ts.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { BadInputError, imageManifest, StreamItem, TaskName } from '@mtssl/core';
import { STREAMS } from './registry';

let dir: string;
let good: string[];
let bad: Record<string, string>;

/** Colourful seeded noise (colorization skips near-grey photos as a fact of the data). */
function noise(width: number, height: number, seed: number): Buffer {
  let x = seed * 7919 + 1;
  return Buffer.alloc(width * height * 3).map((_, i) => ((x = (x * 1103515245 + 12345) % 2 ** 31) % 120) + (i % 3 === seed % 3 ? 120 : 20));
}

/** A PNG whose header claims 30,000 x 30,000 pixels (900 M) over a few bytes of data. */
async function bombPng(file: string): Promise<void> {
  const png = Buffer.from(await sharp(noise(2, 2, 1), { raw: { width: 2, height: 2, channels: 3 } }).png().toBuffer());
  png.writeUInt32BE(30000, 16);
  png.writeUInt32BE(30000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  writeFileSync(file, png);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mtssl-corpus-'));
  const raw = (seed: number) => sharp(noise(48, 40, seed), { raw: { width: 48, height: 40, channels: 3 } });
  good = [];
  for (let i = 0; i < 4; i++) {
    good.push(join(dir, `good${i}.jpg`));
    await raw(i).jpeg({ quality: 90 }).toFile(good[i] as string);
  }
  const extra = { pngNamedJpg: join(dir, 'png-bytes.jpg'), cmyk: join(dir, 'cmyk.jpg'), sixteen: join(dir, 'sixteen-bit.png'), exif: join(dir, 'exif-rotated.jpg'), unicode: join(dir, 'ñandú-画像.jpg') };
  await raw(5).png().toFile(extra.pngNamedJpg);
  await raw(6).toColourspace('cmyk').jpeg().toFile(extra.cmyk);
  await raw(7).toColourspace('rgb16').png().toFile(extra.sixteen);
  await raw(8).jpeg().withMetadata({ orientation: 6 }).toFile(extra.exif);
  await raw(9).jpeg().toFile(extra.unicode);
  good.push(...Object.values(extra));
  bad = {
    zero: join(dir, 'zero.jpg'),
    truncated: join(dir, 'truncated.jpg'),
    text: join(dir, 'text.jpg'),
    tiny: join(dir, 'one-pixel.png'),
    bomb: join(dir, 'bomb.png'),
    dangling: join(dir, 'dangling.jpg'),
    fifo: join(dir, 'fifo.jpg'),
    folder: join(dir, 'folder.jpg'),
  };
  writeFileSync(bad['zero'] as string, Buffer.alloc(0));
  const jpg = readFileSync(good[0] as string);
  writeFileSync(bad['truncated'] as string, jpg.subarray(0, jpg.length >> 1));
  writeFileSync(bad['text'] as string, 'this is not an image\n');
  await sharp(noise(1, 1, 3), { raw: { width: 1, height: 1, channels: 3 } }).png().toFile(bad['tiny'] as string);
  await bombPng(bad['bomb'] as string);
  symlinkSync(join(dir, 'gone.jpg'), bad['dangling'] as string);
  execFileSync('mkfifo', [bad['fifo'] as string]);
  mkdirSync(bad['folder'] as string);
});

async function run(task: TaskName, files: readonly string[], policy: 'skip' | 'fail') {
  const stream = STREAMS[task];
  const options = stream.resolveOptions({ ...stream.presets.small });
  const manifest = imageManifest(files, 'corpus');
  const total = 2 * stream.defaultTotal(manifest, options);
  const s = stream.open(manifest, options, { seed: 3, threads: 2, policy, total });
  const items: StreamItem[] = [];
  for await (const item of s) items.push(item);
  return { items, report: s.report.toJSON(), total };
}

const IMAGE_TASKS: TaskName[] = ['relative-position', 'colorization', 'exemplar'];

describe.each(IMAGE_TASKS)('the bad-input corpus through %s', (task) => {
  it("skip: every bad file named once with a reason, every good file's samples present", async () => {
    const mixed = [...good, ...Object.values(bad)].sort();
    const goodOnly = await run(task, good, 'skip');
    const r = await run(task, mixed, 'skip');
    // two passes: each good file gives two samples in both runs
    expect(goodOnly.items).toHaveLength(2 * good.length);
    expect(r.items).toHaveLength(goodOnly.items.length);
    expect(r.report.skipped.map((s) => s.file).sort()).toEqual(Object.values(bad).sort());
    const reasons = Object.fromEntries(r.report.skipped.map((s) => [s.file, s.reason]));
    for (const file of Object.values(bad)) expect((reasons[file] ?? '').length).toBeGreaterThan(5);
    expect(reasons[bad['fifo'] as string]).toMatch(/not a regular file \(a FIFO\)/);
    expect(reasons[bad['dangling'] as string]).toMatch(/dangling link/);
  }, 120_000);

  it('fail: stops at a bad file, naming it', async () => {
    const error = (await run(task, [...good, bad['truncated'] as string], 'fail').catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as BadInputError).file).toBe(bad['truncated']);
  }, 120_000);
});
