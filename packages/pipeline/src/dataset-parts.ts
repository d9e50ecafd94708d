// Datasets fanned out over machines (`shard i/N`): a part's folder and position range, and the merge of
// finished parts into the dataset.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mergeDatasetParts, partCounts, partDir, partRange, PartRange, PartSpec } from '@mtssl/core';

/** With a part: the part's folder and position range; else the whole dataset. */
export function partTarget(dir: string, total: number, shard: PartSpec | undefined): { dir: string; range: PartRange | null } {
  if (!shard) return { dir, range: null };
  return { dir: partDir(dir, shard), range: partRange(total, shard) };
}

/** Merges the parts of a fanned-out dataset that has no dataset.json yet; true when it did. */
export async function mergeIfParts(dir: string, log: (line: string) => void): Promise<boolean> {
  if (existsSync(join(dir, 'dataset.json'))) return false;
  const [of] = await partCounts(dir);
  if (of === undefined) return false;
  const info = await mergeDatasetParts(dir, of);
  log(`${info.task}: merged ${of} parts, ${info.count} samples in ${info.shards.length} shards -> ${dir}`);
  return true;
}
