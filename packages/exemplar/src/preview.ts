// Preview: one row per triplet, anchor | positive | negative, captioned with the seed ids.
import { SheetTile, StreamItem, writeContactSheet } from '@mtssl/core';
import type { ExemplarOptions } from './options';

// Short role names: captions must fit under a 32-px view at scale 3.
const ROLES = ['A', 'P', 'N'];

function tripletRow(item: StreamItem, p: number): SheetTile[] {
  const views = item.sample['views'];
  const ids = item.sample['seed_ids'];
  const n = p * p * 3;
  if (!(views instanceof Uint8Array) || views.length !== 3 * n || !ids || ids.length !== 2) {
    throw new Error(`exemplar preview: sample ${item.index} is not a [3, ${p}, ${p}, 3] triplet with 2 seed ids`);
  }
  return ROLES.map((role, v) => ({
    data: views.slice(v * n, (v + 1) * n),
    width: p,
    height: p,
    channels: 3,
    caption: `#${item.index} ${role} s${v < 2 ? ids[0] : ids[1]}`,
  }));
}

export async function previewExemplar(
  items: readonly StreamItem[],
  file: string,
  options: Readonly<ExemplarOptions>,
): Promise<void> {
  const rows = items.map((item) => tripletRow(item, options.patchSize));
  const scale = Math.max(1, Math.floor(96 / options.patchSize));
  await writeContactSheet(file, rows, { scale, title: `exemplar: ${items.length} triplets (A anchor, P positive, N negative; s = seed id)` });
}
