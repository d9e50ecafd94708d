import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { loadManifest, Rng, type ResolvedManifest } from '@mtssl/core';
import type { FeatureExtractor } from './extractor';
import { externalTestFiles, labelledFiles } from './labelled-set';
import { runLinearProbe } from './run-linear-probe';
import { useCpuBackend } from './testing/cpu-backend';

const COLOURS: Readonly<Record<string, readonly [number, number, number]>> = {
  class0: [200, 40, 40],
  class1: [40, 180, 60],
  class2: [50, 60, 210],
  class9: [200, 200, 40],
};

let root: string;
let mainFile: string;
let testFile: string;
let strayFile: string;
let brokenImage: string;

/** `perClass` noisy PNGs of each class's colour under root/folder/<class>/, and a manifest naming that folder. */
async function writeImageSet(folder: string, classes: readonly string[], perClass: number, test: number): Promise<string> {
  const rng = Rng.from(7, folder);
  for (const name of classes) {
    const dir = join(root, folder, name);
    await mkdir(dir, { recursive: true });
    const rgb = COLOURS[name] as readonly [number, number, number];
    for (let i = 0; i < perClass; i++) {
      const data = Buffer.alloc(12 * 12 * 3);
      for (let p = 0; p < data.length; p++) data[p] = Math.max(0, Math.min(255, Math.round((rgb[p % 3] as number) + rng.normal(0, 20))));
      await sharp(data, { raw: { width: 12, height: 12, channels: 3 } }).png().toFile(join(dir, `${i}.png`));
    }
  }
  const file = join(root, `${folder}.json`);
  await writeFile(file, JSON.stringify({ version: 1, name: folder, images: [{ folder, labels: 'subfolders' }], split: { test, seed: 3 } }));
  return file;
}

/** Mean colour as the feature, counting the images it is shown. */
function meanColourExtractor(): FeatureExtractor & { readonly seen: () => number } {
  let seen = 0;
  return {
    id: 'mean-colour',
    inputSize: 8,
    featureDim: 3,
    features: (batch) => {
      seen += batch.shape[0];
      return tf.mean(batch, [1, 2]) as tf.Tensor2D;
    },
    dispose: () => undefined,
    seen: () => seen,
  };
}

/** The main manifest with every test-split image pointing at a file that cannot be decoded. */
function withBrokenTestSplit(manifest: ResolvedManifest): ResolvedManifest {
  return { ...manifest, images: manifest.images.map((item) => (item.split === 'test' ? { ...item, path: brokenImage } : item)) };
}

beforeAll(async () => {
  await useCpuBackend();
  root = await mkdtemp(join(tmpdir(), 'eval-test-manifest-'));
  mainFile = await writeImageSet('main', ['class0', 'class1', 'class2'], 6, 0.25);
  // Only 2 of the 3 classes, so its own label list would number them 0 and 1 instead of 1 and 2.
  testFile = await writeImageSet('held-out', ['class1', 'class2'], 4, 0.5);
  strayFile = await writeImageSet('stray', ['class1', 'class9'], 2, 0.5);
  brokenImage = join(root, 'broken.png');
  await writeFile(brokenImage, 'not an image');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('runLinearProbe with a test manifest', () => {
  it('trains on the main train split and tests on every labelled image of the test manifest', async () => {
    const start = tf.memory().numTensors;
    const main = withBrokenTestSplit(await loadManifest(mainFile));
    const testManifest = await loadManifest(testFile);
    expect(labelledFiles(testManifest, 'test').files.length).toBe(4);
    const extractor = meanColourExtractor();
    const result = await runLinearProbe({ extractor, manifest: main, testManifest, options: { epochs: 100 }, knn: { k: 5 } });
    expect(result.trainCount).toBe(12);
    expect(result.testCount).toBe(8);
    expect(extractor.seen()).toBe(12 + 8);
    expect(result.manifest).toBe(mainFile);
    expect(result.testManifest).toBe(testFile);
    expect(result.labels).toEqual(['class0', 'class1', 'class2']);
    expect(result.numClasses).toBe(3);
    expect(result.top1).toBe(1);
    expect(result.knn).toMatchObject({ top1: 1, k: 5, temperature: 0.1, trainCount: 12, testCount: 8, numClasses: 3 });
    expect(tf.memory().numTensors).toBe(start);
  });

  it('numbers test classes by the main manifest', async () => {
    const set = externalTestFiles(await loadManifest(mainFile), await loadManifest(testFile));
    expect(new Set(set.labels)).toEqual(new Set([1, 2]));
    expect(set.files.length).toBe(8);
  });

  it('would read the main test split without a test manifest', async () => {
    const main = withBrokenTestSplit(await loadManifest(mainFile));
    await expect(runLinearProbe({ extractor: meanColourExtractor(), manifest: main })).rejects.toThrow(`${brokenImage}: cannot decode image`);
  });

  it('loads the test manifest from a file and can skip the kNN', async () => {
    const result = await runLinearProbe({ extractor: meanColourExtractor(), manifestFile: mainFile, testManifestFile: testFile, options: { epochs: 50 }, knn: false });
    expect(result.testManifest).toBe(testFile);
    expect(result.testCount).toBe(8);
    expect(result.knn).toBeNull();
  });

  it('tests on the main test split when no test manifest is given', async () => {
    const extractor = meanColourExtractor();
    const result = await runLinearProbe({ extractor, manifestFile: mainFile, options: { epochs: 50 } });
    expect(result.testManifest).toBe(mainFile);
    expect(result.trainCount).toBe(12);
    expect(result.testCount).toBe(6);
    expect(extractor.seen()).toBe(18);
    expect(result.knn?.k).toBe(12);
  });

  describe('invalid parameters', () => {
    it('names both manifests and a label the main manifest lacks', async () => {
      const extractor = meanColourExtractor();
      await expect(runLinearProbe({ extractor, manifestFile: mainFile, testManifestFile: strayFile })).rejects.toThrow(
        `${strayFile}: label "class9" is not a class of ${mainFile}`,
      );
      expect(extractor.seen()).toBe(0);
    });
    it('takes the test manifest one way only', async () => {
      const testManifest = await loadManifest(testFile);
      await expect(runLinearProbe({ extractor: meanColourExtractor(), manifestFile: mainFile, testManifest, testManifestFile: testFile })).rejects.toThrow(
        'give either testManifest or testManifestFile, not both',
      );
    });
    it('rejects a test manifest that shares images with the train split', async () => {
      await expect(runLinearProbe({ extractor: meanColourExtractor(), manifestFile: mainFile, testManifestFile: mainFile })).rejects.toThrow(
        `${mainFile}: 12 test images are also in the train split of ${mainFile}`,
      );
    });
    it('rejects a test manifest without labelled images', async () => {
      const testManifest = await loadManifest(testFile);
      const unlabelled = { ...testManifest, labels: [], images: testManifest.images.map((i) => ({ path: i.path, split: i.split })) };
      await expect(runLinearProbe({ extractor: meanColourExtractor(), manifestFile: mainFile, testManifest: unlabelled })).rejects.toThrow(
        `${testFile}: no labelled images to test on`,
      );
    });
    it('checks kNN options before computing features', async () => {
      const extractor = meanColourExtractor();
      await expect(runLinearProbe({ extractor, manifestFile: mainFile, knn: { k: 0 } })).rejects.toThrow('k must be a positive integer, got 0');
      await expect(runLinearProbe({ extractor, manifestFile: mainFile, knn: { temperature: -1 } })).rejects.toThrow('temperature must be a positive number, got -1');
      expect(extractor.seen()).toBe(0);
    });
  });
});
