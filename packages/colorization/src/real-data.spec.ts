// Optional check on the real flowers set beside the checkout; skipped cleanly when it is absent.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ResolvedManifest, StreamItem } from '@mtssl/core';
import { resolveColorizationOptions } from './options';
import { colorizationStream } from './stream';

const flowers = path.resolve(__dirname, '../../../../shared/data/flowers');
const bw = path.join(flowers, 'dandelion/5647842237_b1c5196718_n.jpg');
const colour = path.join(flowers, 'sunflowers/9461693602_710f20904f.jpg'); // a sunflower on black
const maybe = existsSync(bw) && existsSync(colour) ? it : it.skip;

describe('colorization on /work/shared/data/flowers', () => {
  maybe('skips a black-and-white photo and keeps a colour subject on a black background', async () => {
    const manifest: ResolvedManifest = {
      name: 'flowers',
      file: '',
      images: [bw, colour].map((p) => ({ path: p, split: 'train' as const })),
      videos: [],
      labels: [],
    };
    const stream = colorizationStream.open(manifest, resolveColorizationOptions({ inputSize: 32 }), { seed: 1, threads: 1, policy: 'skip', total: 2 });
    const items: StreamItem[] = [];
    for await (const item of stream) items.push(item);
    expect(items.length).toBe(1);
    expect(stream.report.skipped).toEqual([{ file: bw, reason: expect.stringMatching(/^grayscale: mean chroma 0\.\d < 3$/) }]);
  });
});
