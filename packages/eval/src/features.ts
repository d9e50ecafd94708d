// Runs a frozen extractor over a list of image files, batch by batch, with the on-disk cache.
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureExtractor } from './extractor';
import { featureCacheKey, readFeatureCache, writeFeatureCache } from './feature-cache';
import { loadImages } from './image-load';

export interface FeatureRequest {
  readonly extractor: FeatureExtractor;
  readonly files: readonly string[];
  readonly batchSize: number;
  /** Where features are cached; null disables the cache. */
  readonly cacheDir: string | null;
  /** Names the image set in the cache header (e.g. the manifest file). */
  readonly manifest: string;
}

export interface FeatureResult {
  /** Row-major [files.length, featureDim]. */
  readonly data: Float32Array;
  readonly featureDim: number;
  readonly fromCache: boolean;
}

/** Features of images already in memory (NHWC floats in [-1, 1]). */
export function extractFromPixels(extractor: FeatureExtractor, pixels: Float32Array, count: number): Float32Array {
  const s = extractor.inputSize;
  const out = tf.tidy(() => {
    const f = extractor.features(tf.tensor4d(pixels, [count, s, s, 3]));
    if (f.shape[0] !== count || f.shape[1] !== extractor.featureDim) {
      throw new Error(`extractor ${extractor.id} returned shape [${f.shape.join(', ')}], expected [${count}, ${extractor.featureDim}]`);
    }
    return f;
  });
  const data = out.dataSync() as Float32Array;
  out.dispose();
  return Float32Array.from(data);
}

async function computeAll(req: FeatureRequest): Promise<Float32Array> {
  const { extractor, files, batchSize } = req;
  const out = new Float32Array(files.length * extractor.featureDim);
  for (let start = 0; start < files.length; start += batchSize) {
    const chunk = files.slice(start, start + batchSize);
    const pixels = await loadImages(chunk, extractor.inputSize);
    out.set(extractFromPixels(extractor, pixels, chunk.length), start * extractor.featureDim);
  }
  return out;
}

/** Features for `files`, computed once per (extractor id, image list, input size) and cached. */
export async function computeFeatures(req: FeatureRequest): Promise<FeatureResult> {
  const { extractor } = req;
  const featureDim = extractor.featureDim;
  const identity = { extractorId: extractor.id, inputSize: extractor.inputSize, featureDim, manifest: req.manifest, files: req.files };
  const key = req.cacheDir ? featureCacheKey(identity) : '';
  if (req.cacheDir) {
    const cached = await readFeatureCache(req.cacheDir, key);
    if (cached) return { data: cached, featureDim, fromCache: true };
  }
  const data = await computeAll(req);
  if (req.cacheDir) await writeFeatureCache(req.cacheDir, key, identity, data);
  return { data, featureDim, fromCache: false };
}
