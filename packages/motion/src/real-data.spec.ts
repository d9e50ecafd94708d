// Decodes one chunk of each codec in ../shared/data/videos; skipped when that folder is absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { motionStream } from './motion-stream';
import type { MotionSampleStream } from './stream';

const dir = join(__dirname, '../../../../shared/data/videos');
const files = ['vtest.avi', 'tree.avi', 'car-detection.mp4', 'asl/again.mkv'].map((f) => join(dir, f));
const maybe = files.every((f) => existsSync(f)) ? describe : describe.skip;

maybe('motionStream on the shared real videos', () => {
  it('decodes msmpeg4v3, cinepak, H.264 mp4 and mkv without bad input, and marks pedestrians in vtest.avi', async () => {
    const o = motionStream.resolveOptions({ ...motionStream.presets.tiny, framesPerVideo: 2, chunkSize: 2 });
    const manifest = { name: 'real', file: join(dir, 'm.json'), images: [], videos: files.map((path) => ({ path, split: 'train' as const })), labels: [] };
    const stream = motionStream.open(manifest, o, { seed: 0, threads: 2, policy: 'skip', total: 8 }) as MotionSampleStream;
    const indices: number[] = [];
    for await (const item of stream) indices.push(item.index);
    expect(stream.report.skipped).toEqual([]);
    expect(stream.framesDecoded).toBeGreaterThan(0);
    expect(indices).toEqual(expect.arrayContaining([0, 1])); // vtest.avi: people walk in every frame
  });
});
