import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadManifest } from '@mtssl/core';
import { createConvExtractor } from './conv-extractor';
import { computeFeatures } from './features';
import { labelledFiles } from './labelled-set';
import { runLinearProbe } from './run-linear-probe';
import { useCpuBackend } from './testing/cpu-backend';
import { writeLabelledFixture } from './testing/fixtures';

let root: string;
let manifestFile: string;

beforeAll(async () => {
  await useCpuBackend();
  root = await mkdtemp(join(tmpdir(), 'eval-probe-'));
  manifestFile = await writeLabelledFixture(root, 8);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const extractorOptions = { inputSize: 16, widths: [8, 16], seed: 5 };

describe('runLinearProbe', () => {
  it('separates colour classes through a random conv extractor, caches features and repeats exactly', async () => {
    const start = tf.memory().numTensors;
    const cacheDir = join(root, 'cache');
    const extractor = createConvExtractor(extractorOptions);
    const first = await runLinearProbe({ extractor, manifestFile, cacheDir, options: { epochs: 100 } });
    extractor.dispose();
    expect(first.top1).toBeGreaterThanOrEqual(0.95);
    expect(first.numClasses).toBe(3);
    expect(first.labels).toEqual(['class0', 'class1', 'class2']);
    expect(first.trainCount + first.testCount).toBe(24);
    expect(first.testCount).toBe(6);
    expect(first.featuresFromCache).toBe(false);
    expect(first.top5Trivial).toBe(true);
    expect((await readdir(cacheDir)).sort().map((f) => f.replace(/^[0-9a-f]+/, 'KEY'))).toEqual(['KEY.f32', 'KEY.json']);

    const again = createConvExtractor(extractorOptions);
    const second = await runLinearProbe({ extractor: again, manifestFile, cacheDir, options: { epochs: 100 } });
    again.dispose();
    expect(second.featuresFromCache).toBe(true);
    expect({ ...second, timing: 0, featuresFromCache: 0 }).toEqual({ ...first, timing: 0, featuresFromCache: 0 });
    expect(tf.memory().numTensors).toBe(start);
  });

  it('computes the same features with and without the cache', async () => {
    const manifest = await loadManifest(manifestFile);
    const files = labelledFiles(manifest, 'test').files;
    const extractor = createConvExtractor(extractorOptions);
    const request = { extractor, files, batchSize: 4, manifest: manifestFile };
    const cached = await computeFeatures({ ...request, cacheDir: join(root, 'cache2') });
    const reread = await computeFeatures({ ...request, cacheDir: join(root, 'cache2') });
    const fresh = await computeFeatures({ ...request, cacheDir: null });
    extractor.dispose();
    expect(reread.fromCache).toBe(true);
    expect(Array.from(reread.data)).toEqual(Array.from(cached.data));
    expect(Array.from(fresh.data)).toEqual(Array.from(cached.data));
  });

  describe('invalid parameters', () => {
    it('needs a manifest', async () => {
      const extractor = createConvExtractor(extractorOptions);
      await expect(runLinearProbe({ extractor })).rejects.toThrow('runLinearProbe needs manifest or manifestFile');
      await expect(runLinearProbe({ extractor, manifestFile, options: { epochs: -1 } })).rejects.toThrow('epochs must be a positive integer, got -1');
      extractor.dispose();
    });
    it('rejects a manifest without labels', async () => {
      const manifest = await loadManifest(manifestFile);
      const unlabelled = { ...manifest, labels: [], images: manifest.images.map((i) => ({ path: i.path, split: i.split })) };
      const extractor = createConvExtractor(extractorOptions);
      await expect(runLinearProbe({ extractor, manifest: unlabelled })).rejects.toThrow('at least 2 classes, found 0');
      extractor.dispose();
    });
    it('names an undecodable image', async () => {
      const manifest = await loadManifest(manifestFile);
      const broken = { ...manifest, images: [...manifest.images, { path: manifestFile, label: 'class0', split: 'test' as const }] };
      const extractor = createConvExtractor(extractorOptions);
      await expect(runLinearProbe({ extractor, manifest: broken })).rejects.toThrow(`${manifestFile}: cannot decode image`);
      extractor.dispose();
    });
  });
});
