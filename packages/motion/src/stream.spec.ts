import sharp from 'sharp';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError, ResolvedManifest, StreamItem, resolveFfmpegPath } from '@mtssl/core';
import { motionStream } from './motion-stream';
import type { MotionOptions } from './options';
import { MotionSampleStream } from './stream';
import { ffmpegChildren, iou, Scene, squareMask, writeAudioOnly, writeSceneVideo } from './testing/scene-fixtures';

const ffmpeg = resolveFfmpegPath();
let dir: string;
const moving: Scene = { height: 120, width: 160, frames: 40, square: 32, y0: 40, x0: 8, speed: 3, pan: 0 };
const pan: Scene = { height: 120, width: 160, frames: 30, square: 0, y0: 0, x0: 0, speed: 0, pan: 3 };
// 60x80 samples (half the fixture size); slot s is native frame 4s; windows of 3 following frames.
const opts = motionStream.resolveOptions({ height: 60, width: 80, frameStride: 1, candidateSpacing: 4, lookahead: 3, framesPerVideo: 6, chunkSize: 2 });

function manifest(...files: string[]): ResolvedManifest {
  return { name: 't', file: join(dir, 'm.json'), images: [], videos: files.map((path) => ({ path, split: 'train' as const })), labels: [] };
}

async function collect(m: ResolvedManifest, o: Readonly<MotionOptions>, extra: { threads?: number; startIndex?: number; policy?: 'skip' | 'fail'; seed?: number } = {}) {
  const stream = motionStream.open(m, o, {
    seed: extra.seed ?? 7,
    threads: extra.threads ?? 1,
    policy: extra.policy ?? 'skip',
    total: motionStream.defaultTotal(m, o),
    ...(extra.startIndex !== undefined ? { startIndex: extra.startIndex } : {}),
  }) as MotionSampleStream;
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return { items, stream };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motion-spec-'));
  await writeSceneVideo(ffmpeg, join(dir, 'moving.mp4'), moving);
  await writeSceneVideo(ffmpeg, join(dir, 'moving.avi'), moving, 2);
  await writeSceneVideo(ffmpeg, join(dir, 'pan.mp4'), pan);
  writeFileSync(join(dir, 'empty.mp4'), '');
  writeFileSync(join(dir, 'text.mp4'), 'this is not a video\n'.repeat(50));
  const whole = readFileSync(join(dir, 'moving.mp4'));
  writeFileSync(join(dir, 'truncated.mp4'), whole.subarray(0, Math.floor(whole.length / 2)));
  await writeAudioOnly(ffmpeg, join(dir, 'audio.mp4'));
  // seeded random bytes over the middle of the coded data: ffmpeg conceals and exits 0
  const damaged = Buffer.from(whole);
  let x = 12345;
  for (let i = Math.floor(whole.length * 0.3); i < Math.floor(whole.length * 0.6); i++) damaged[i] = (x = (x * 1103515245 + 12345) % 2 ** 31) & 255;
  writeFileSync(join(dir, 'damaged.mp4'), damaged);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(async () => {
  expect(await ffmpegChildren()).toEqual([]);
});

describe('motionStream on generated videos', () => {
  it('marks the moving square (mean IoU >= 0.5, each >= 0.4), H.264 and MPEG-4', async () => {
    for (const file of ['moving.mp4', 'moving.avi']) {
      const { items, stream } = await collect(manifest(join(dir, file)), opts);
      // 40 frames: slots 0..5 need frames up to 23, all present; the square stays in view.
      expect(items.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(stream.report.samplesWritten).toBe(6);
      const scores = items.map((item) => iou(item.sample['mask'] as Uint8Array, squareMask(moving, item.index * 4, 0.5)));
      // Measured: H.264 0.61-0.73, MPEG-4 0.44-0.64 (the lower-median leaves a band ahead of the square).
      expect(scores.reduce((a, b) => a + b, 0) / scores.length).toBeGreaterThanOrEqual(0.5);
      expect(Math.min(...scores)).toBeGreaterThanOrEqual(0.4);
    }
  });

  it('rejects a camera pan: no frame has its whole area marked', async () => {
    const { items, stream } = await collect(manifest(join(dir, 'pan.mp4')), opts);
    for (const item of items) {
      const mask = item.sample['mask'] as Uint8Array;
      expect(mask.reduce((a, b) => a + b, 0) / mask.length).toBeLessThan(0.05);
    }
    expect(items.length + stream.skips['no-motion'] + stream.skips['past-end']).toBe(6);
  });

  it('gives identical samples for 1 and 2 threads and for a resumed start', async () => {
    const m = manifest(join(dir, 'moving.mp4'), join(dir, 'pan.mp4'), join(dir, 'moving.avi'));
    const one = await collect(m, opts, { threads: 1 });
    const two = await collect(m, opts, { threads: 2 });
    const resumed = await collect(m, opts, { threads: 2, startIndex: 3 });
    expect(two.items.map((i) => i.index)).toEqual(one.items.map((i) => i.index));
    two.items.forEach((item, k) => {
      expect(Buffer.compare(item.sample['frame'] as Uint8Array, one.items[k]?.sample['frame'] as Uint8Array)).toBe(0);
      expect(Buffer.compare(item.sample['mask'] as Uint8Array, one.items[k]?.sample['mask'] as Uint8Array)).toBe(0);
    });
    const tail = one.items.filter((i) => i.index >= 3);
    expect(resumed.items.map((i) => i.index)).toEqual(tail.map((i) => i.index));
    resumed.items.forEach((item, k) => expect(Buffer.compare(item.sample['mask'] as Uint8Array, tail[k]?.sample['mask'] as Uint8Array)).toBe(0));
  });

  it('gives the same samples for any seed (seedFree: a live run replays one epoch)', async () => {
    expect(motionStream.seedFree).toBe(true);
    const m = manifest(join(dir, 'moving.mp4'), join(dir, 'pan.mp4'));
    const a = await collect(m, opts, { seed: 7 });
    const b = await collect(m, opts, { seed: 123456 });
    expect(a.items.length).toBeGreaterThan(0);
    expect(b.items.map((i) => i.index)).toEqual(a.items.map((i) => i.index));
    b.items.forEach((item, k) => {
      for (const field of ['frame', 'mask']) expect(Buffer.compare(item.sample[field] as Uint8Array, a.items[k]?.sample[field] as Uint8Array)).toBe(0);
    });
  });

  it('gives identical samples whatever the chunk size (one ffmpeg per chunk is only a speed choice)', async () => {
    const m = manifest(join(dir, 'moving.mp4'), join(dir, 'moving.avi'));
    const small = await collect(m, opts, { threads: 1 });
    const whole = await collect(m, { ...opts, chunkSize: opts.framesPerVideo }, { threads: 1 });
    expect(whole.items.map((i) => i.index)).toEqual(small.items.map((i) => i.index));
    whole.items.forEach((item, k) => {
      expect(Buffer.compare(item.sample['frame'] as Uint8Array, small.items[k]?.sample['frame'] as Uint8Array)).toBe(0);
      expect(Buffer.compare(item.sample['mask'] as Uint8Array, small.items[k]?.sample['mask'] as Uint8Array)).toBe(0);
    });
  });

  it('emits harmonized frames (gray, 3 equal channels) when asked', async () => {
    const { items } = await collect(manifest(join(dir, 'moving.mp4')), { ...opts, harmonize: true, framesPerVideo: 2 });
    const frame = items[0]?.sample['frame'] as Uint8Array;
    for (let i = 0; i < frame.length; i += 3) expect(frame[i] === frame[i + 1] && frame[i] === frame[i + 2]).toBe(true);
    expect(motionStream.schema({ ...opts, harmonize: true }).attributes).toEqual({ height: 60, width: 80, harmonized: true });
  });

  it('writes a preview PNG', async () => {
    const { items } = await collect(manifest(join(dir, 'moving.mp4')), { ...opts, framesPerVideo: 2 });
    const file = join(dir, 'preview.png');
    await motionStream.preview(items, file, opts);
    expect(statSync(file).size).toBeGreaterThan(500);
    // samples as read back from shards (fresh objects) have no magnitude: one column fewer
    const fromShards = join(dir, 'preview-shards.png');
    await motionStream.preview(items.map((i) => ({ ...i, sample: { ...i.sample } })), fromShards, opts);
    const [withMag, without] = [await sharp(file).metadata(), await sharp(fromShards).metadata()];
    expect(without.width).toBeLessThan(withMag.width as number);
  });
});

describe('motionStream bad input', () => {
  const bad = ['empty.mp4', 'text.mp4', 'truncated.mp4', 'audio.mp4'];

  it('skips and names zero-byte, text, truncated and audio-only files, keeping good ones', async () => {
    const { items, stream } = await collect(manifest(...bad.map((f) => join(dir, f)), join(dir, 'moving.mp4')), opts, { threads: 2 });
    expect(items.map((i) => i.index)).toEqual([24, 25, 26, 27, 28, 29]);
    const skipped = stream.report.skipped;
    expect(skipped.map((s) => s.file).sort()).toEqual(bad.map((f) => join(dir, f)).sort());
    expect(skipped.find((s) => s.file.endsWith('empty.mp4'))?.reason).toMatch(/^empty file/);
    for (const s of skipped) expect(s.reason).toMatch(/^(empty file|unreadable video|no video frames|no video stream)/);
    expect(skipped.find((s) => s.file.endsWith('audio.mp4'))?.reason).toBe('no video stream: the file has no video track (audio only?)');
  });

  it('reports a video whose packets are damaged (ffmpeg conceals them and exits 0) instead of masking artefacts', async () => {
    const { items, stream } = await collect(manifest(join(dir, 'damaged.mp4'), join(dir, 'moving.mp4')), opts);
    const reason = stream.report.skipped.find((s) => s.file.endsWith('damaged.mp4'))?.reason;
    expect(reason).toMatch(/^corrupt video: ffmpeg reported \d+ decode error\(s\) in the frames read \(first: /);
    // only the intact video's samples
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.index >= opts.framesPerVideo)).toBe(true);
    await expect(collect(manifest(join(dir, 'damaged.mp4')), opts, { policy: 'fail' })).rejects.toThrow(/damaged\.mp4: corrupt video/);
  });

  it("stops the run naming the file under policy 'fail'", async () => {
    await expect(collect(manifest(join(dir, 'moving.mp4'), join(dir, 'text.mp4')), opts, { policy: 'fail' })).rejects.toThrow(BadInputError);
    await expect(collect(manifest(join(dir, 'text.mp4')), opts, { policy: 'fail' })).rejects.toThrow(/text\.mp4/);
  });

  it('kills an ffmpeg that hangs (reading a FIFO nobody writes) after timeoutMs and reports it', async () => {
    const fifo = join(dir, 'hang.mp4');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const { items, stream } = await collect(manifest(fifo), { ...opts, timeoutMs: 1000, framesPerVideo: 2 });
    expect(items).toEqual([]);
    expect(stream.report.skipped).toEqual([{ file: fifo, reason: 'ffmpeg timeout: killed after 1000 ms' }]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('reports an ffmpeg that dies', async () => {
    const script = join(dir, 'dying-ffmpeg');
    // Behaves like ffmpeg for fluent-ffmpeg's capability queries, dies once asked to decode.
    writeFileSync(script, `#!/bin/sh\ncase " $* " in *" -i "*) kill -9 $$;; esac\nexec ${ffmpeg} "$@"\n`);
    chmodSync(script, 0o755);
    const { stream } = await collect(manifest(join(dir, 'moving.mp4')), { ...opts, ffmpegPath: script, framesPerVideo: 2 });
    expect(stream.report.skipped[0]?.reason).toMatch(/^ffmpeg died: killed by SIGKILL/);
  });
});

describe('motion options', () => {
  it('has presets that resolve', () => {
    expect(motionStream.resolveOptions(motionStream.presets.tiny)).toMatchObject({ height: 30, width: 40 });
    expect(motionStream.resolveOptions(motionStream.presets.paper)).toMatchObject({ height: 240, width: 320 });
    expect(motionStream.defaultTotal(manifest('a', 'b'), opts)).toBe(12);
  });

  it.each([
    [{ height: -3 }, 'height must be a positive integer, got -3'],
    [{ width: 2.5 }, 'width must be a positive integer, got 2.5'],
    [{ lookahead: 0 }, 'lookahead must be a positive integer, got 0'],
    [{ noiseFactor: -1 }, 'noiseFactor must be a number in [0, 100], got -1'],
    [{ morphRadius: -1 }, 'morphRadius must be a non-negative integer, got -1'],
    [{ minMovingFraction: 0.6, maxMovingFraction: 0.5 }, 'minMovingFraction must be below maxMovingFraction'],
    [{ harmonize: 'yes' }, 'harmonize must be a boolean, got "yes"'],
    [{ timeoutMs: 0 }, 'timeoutMs must be a positive integer, got 0'],
    [{ patchSize: 3 }, 'unknown option "patchSize"'],
  ])('rejects %j', (bad, message) => {
    expect(() => motionStream.resolveOptions(bad as unknown as Partial<MotionOptions>)).toThrow(message);
  });

  it('rejects an ffmpegPath that does not exist', () => {
    expect(() => resolveFfmpegPath('/nonexistent/ffmpeg')).toThrow('ffmpegPath /nonexistent/ffmpeg does not exist');
  });
});
