// On-disk cache of pooled features: <key>.f32 (little-endian Float32, row-major [count, dim])
// beside <key>.json (header). The key hashes the extractor id, the input size and the exact
// image list (path, size, mtime), so a changed file or trunk never reuses stale features.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const CACHE_VERSION = 1;

export interface FeatureCacheHeader {
  readonly version: number;
  readonly key: string;
  readonly extractorId: string;
  readonly inputSize: number;
  readonly featureDim: number;
  readonly count: number;
  readonly manifest: string;
}

export interface CacheIdentity {
  readonly extractorId: string;
  readonly inputSize: number;
  readonly featureDim: number;
  readonly manifest: string;
  readonly files: readonly string[];
}

export function featureCacheKey(id: CacheIdentity): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([CACHE_VERSION, id.extractorId, id.inputSize, id.featureDim]));
  for (const file of id.files) {
    const s = statSync(file);
    hash.update(`\n${file}\t${s.size}\t${Math.floor(s.mtimeMs)}`);
  }
  return hash.digest('hex').slice(0, 32);
}

function paths(dir: string, key: string): { data: string; header: string } {
  return { data: join(dir, `${key}.f32`), header: join(dir, `${key}.json`) };
}

/** The cached features, or null when absent or inconsistent with the header. */
export async function readFeatureCache(dir: string, key: string): Promise<Float32Array | null> {
  const p = paths(dir, key);
  if (!existsSync(p.header) || !existsSync(p.data)) return null;
  const header = JSON.parse(await readFile(p.header, 'utf8')) as FeatureCacheHeader;
  const bytes = await readFile(p.data);
  if (header.version !== CACHE_VERSION || header.key !== key) return null;
  if (bytes.byteLength !== header.count * header.featureDim * 4) return null;
  const out = new Float32Array(header.count * header.featureDim);
  Buffer.from(out.buffer).set(bytes);
  return out;
}

/** Writes data then header, each through a temp file and rename, so readers never see a half file. */
export async function writeFeatureCache(dir: string, key: string, id: CacheIdentity, data: Float32Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  const p = paths(dir, key);
  const header: FeatureCacheHeader = {
    version: CACHE_VERSION,
    key,
    extractorId: id.extractorId,
    inputSize: id.inputSize,
    featureDim: id.featureDim,
    count: id.files.length,
    manifest: id.manifest,
  };
  await atomicWrite(p.data, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  await atomicWrite(p.header, JSON.stringify(header, null, 2));
}

async function atomicWrite(file: string, content: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}
