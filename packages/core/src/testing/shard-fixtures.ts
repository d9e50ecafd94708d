// Small generated samples and temp dirs for the shard tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../shards/dataset-lock';
import type { Sample, SampleSchema } from '../samples';
import type { StreamItem } from '../streams';

/** A schema with one field of each dtype. */
export const SHARD_TEST_SCHEMA: SampleSchema = {
  task: 'colorization',
  version: 1,
  fields: [
    { name: 'input', dtype: 'uint8', shape: [4, 4, 1] },
    { name: 'ab_bins', dtype: 'int32', shape: [2, 2, 3] },
    { name: 'ab_weights', dtype: 'float32', shape: [2, 2, 3] },
  ],
  attributes: { inputSize: 4, targetSize: 2 },
};

/** Sample k: distinct, deterministic values, including negative ints and non-integral floats. */
export function testSample(k: number): Sample {
  return {
    input: Uint8Array.from({ length: 16 }, (_, i) => (k * 7 + i * 13) & 0xff),
    ab_bins: Int32Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? -(k + i) : k * 1000 + i)),
    ab_weights: Float32Array.from({ length: 12 }, (_, i) => Math.fround((k + 1) / (i + 3))),
  };
}

/** Items at stream positions `indices`. */
export function testItems(indices: readonly number[]): StreamItem[] {
  return indices.map((index) => ({ index, sample: testSample(index) }));
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

export function makeTempDir(prefix = 'mtssl-shards-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The pid of a process that has exited (a child run to completion). */
export function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid as number;
}

/** What a writer killed mid-run leaves: its lock naming a process that no longer runs. */
export function leaveKilledWritersLock(dir: string): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00.000Z', token: 'killed' }));
}
