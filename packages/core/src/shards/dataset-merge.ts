// Fan-out: N processes (machines, array jobs) each write one contiguous range of a dataset's stream
// positions into a part folder; merging copies their shards, renumbered, into one dataset folder whose
// records are those one whole run would have written.
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { combineReports, schemaDifference } from '../samples';
import { DATASET_FILE, DatasetError, readDatasetInfo, shardFileName, shardIndexFileName, type DatasetInfo, type ShardEntry } from './dataset-format';
import { writeFileAtomic, fsyncDir } from './atomic-write';
import { OptionError } from '../options';

export interface PartSpec {
  /** 0-based part number. */
  readonly index: number;
  /** Number of parts. */
  readonly of: number;
}

export interface PartRange extends PartSpec {
  /** First stream position of the part. */
  readonly start: number;
  /** One past its last position. */
  readonly end: number;
}

/** Parses `i/N` (0 <= i < N), the form `preprocess --shard` takes. */
export function parsePartSpec(text: string): PartSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new OptionError(`shard must look like i/N (e.g. 0/4), got ${JSON.stringify(text)}`);
  const index = Number(m[1]);
  const of = Number(m[2]);
  if (of < 1 || index >= of) throw new OptionError(`shard i/N needs 0 <= i < N, got ${index}/${of}`);
  return { index, of };
}

/** Part i of N covers positions [floor(i T / N), floor((i + 1) T / N)): contiguous, sizes within one. */
export function partRange(total: number, part: PartSpec): PartRange {
  return { ...part, start: Math.floor((part.index * total) / part.of), end: Math.floor(((part.index + 1) * total) / part.of) };
}

/** Where part i of N of a dataset is written: `<dataset>.parts/<i>-of-<N>`. */
export function partDir(datasetDir: string, part: PartSpec): string {
  return join(`${datasetDir}.parts`, `${part.index}-of-${part.of}`);
}

function partOf(info: DatasetInfo, dir: string): PartRange {
  const p = info.meta['part'] as PartRange | undefined;
  if (!p || typeof p.start !== 'number' || typeof p.end !== 'number') throw new DatasetError(`${join(dir, DATASET_FILE)}: not a dataset part (meta.part missing)`);
  return p;
}

function withoutPart(meta: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { part: _part, ...rest } = meta;
  return rest;
}

/** Reads every part of an N-way fan-out, checking each is complete, made with the same settings, and that they tile. */
interface ReadPart {
  readonly dir: string;
  readonly info: DatasetInfo;
  readonly range: PartRange;
}

async function readParts(datasetDir: string, of: number): Promise<ReadPart[]> {
  const parts: ReadPart[] = [];
  const missing: string[] = [];
  for (let index = 0; index < of; index++) {
    const dir = partDir(datasetDir, { index, of });
    const info = await readDatasetInfo(dir).catch(() => null);
    if (!info || !info.complete) {
      missing.push(`${index}/${of}${info ? ' (unfinished)' : ''}`);
      continue;
    }
    parts.push({ dir, info, range: partOf(info, dir) });
  }
  if (missing.length > 0) throw new DatasetError(`${datasetDir}: cannot merge, parts not done: ${missing.join(', ')} (run preprocess --shard i/${of} for each)`);
  const first = parts[0] as ReadPart;
  for (const p of parts) {
    const diff = schemaDifference(first.info.schema, p.info.schema);
    if (diff) throw new DatasetError(`${p.dir}: schema differs from part 0's: ${diff}`);
    if (JSON.stringify(withoutPart(p.info.meta)) !== JSON.stringify(withoutPart(first.info.meta))) throw new DatasetError(`${p.dir}: made with other settings than part 0`);
  }
  parts.forEach((p, i) => {
    const expectedStart = i === 0 ? 0 : (parts[i - 1] as ReadPart).range.end;
    if (p.range.index !== i || p.range.of !== of || p.range.start !== expectedStart) throw new DatasetError(`${p.dir}: covers [${p.range.start}, ${p.range.end}) but the parts must tile from 0`);
  });
  return parts;
}

/** The part counts N with a `<dataset>.parts/*-of-N` folder, largest first. */
export async function partCounts(datasetDir: string): Promise<number[]> {
  const names = await readdir(`${datasetDir}.parts`).catch(() => [] as string[]);
  const counts = new Set(names.map((n) => /^\d+-of-(\d+)$/.exec(n)?.[1]).filter((n): n is string => n !== undefined).map(Number));
  return [...counts].sort((a, b) => b - a);
}

/**
 * Merges the N complete parts of `datasetDir` into it: shards copied in position order under the
 * names one run would use, dataset.json listing them with the parts' reports added up, written last
 * through a temporary folder renamed into place; then the parts are removed. Returns the new info.
 */
export async function mergeDatasetParts(datasetDir: string, of: number): Promise<DatasetInfo> {
  const parts = await readParts(datasetDir, of);
  const first = (parts[0] as ReadPart).info;
  const tmp = `${datasetDir}.merge-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const shards: ShardEntry[] = [];
  for (const p of parts) {
    for (const s of p.info.shards) {
      const file = shardFileName(first.task, shards.length);
      await copyFile(join(p.dir, s.file), join(tmp, file));
      await copyFile(join(p.dir, shardIndexFileName(s.file)), join(tmp, shardIndexFileName(file)));
      shards.push({ ...s, file });
    }
  }
  const last = shards[shards.length - 1];
  const info: DatasetInfo = {
    ...first,
    shards,
    count: shards.reduce((n, s) => n + s.count, 0),
    nextIndex: last ? last.lastIndex + 1 : 0,
    complete: true,
    extras: {},
    report: combineReports(parts.map((p) => p.info.report)),
    meta: withoutPart(first.meta),
    updatedAt: new Date().toISOString(),
  };
  await writeFileAtomic(join(tmp, DATASET_FILE), `${JSON.stringify(info, null, 2)}\n`);
  await rm(datasetDir, { recursive: true, force: true });
  await rename(tmp, datasetDir);
  await fsyncDir(join(datasetDir, '..'));
  await rm(`${datasetDir}.parts`, { recursive: true, force: true });
  return info;
}
