// Preview: each pair drawn on a 3x3 board, the centre patch in the middle and the neighbour in
// the cell its label names, with an arrow from centre to neighbour and the label as caption.
import { drawArrow, SheetTile, StreamItem, writeContactSheet } from '@mtssl/core';
import { NEIGHBOUR_OFFSETS } from './geometry';
import type { RelativePositionOptions } from './options';

const LABEL_NAMES = ['top-left', 'top', 'top-right', 'left', 'right', 'bottom-left', 'bottom', 'bottom-right'];
const PER_ROW = 4;
const ARROW: readonly [number, number, number] = [255, 64, 64];

function pairTile(item: StreamItem, p: number): SheetTile {
  const patches = item.sample['patches'];
  const label = item.sample['label']?.[0];
  if (!(patches instanceof Uint8Array) || label === undefined || patches.length !== 2 * p * p * 3) {
    throw new Error(`relative-position preview: sample ${item.index} is not a [2, ${p}, ${p}, 3] pair with a label`);
  }
  const gap = Math.max(2, p >> 2);
  const side = 3 * p + 2 * gap;
  const data = new Uint8Array(side * side * 3).fill(48);
  const [dRow, dCol] = NEIGHBOUR_OFFSETS[label] ?? [0, 0];
  const paste = (which: number, row: number, col: number) => {
    for (let y = 0; y < p; y++) {
      const from = (which * p * p + y * p) * 3;
      const to = ((row * (p + gap) + y) * side + col * (p + gap)) * 3;
      data.set(patches.subarray(from, from + p * 3), to);
    }
  };
  paste(0, 1, 1);
  paste(1, 1 + dRow, 1 + dCol);
  const mid = (cell: number) => cell * (p + gap) + p / 2;
  drawArrow({ data, width: side, height: side, channels: 3 }, mid(1), mid(1), mid(1 + dCol), mid(1 + dRow), ARROW, Math.max(3, p >> 2));
  return { data, width: side, height: side, channels: 3, caption: `#${item.index} ${label} ${LABEL_NAMES[label] ?? '?'}` };
}

export async function previewRelativePosition(
  items: readonly StreamItem[],
  file: string,
  options: Readonly<RelativePositionOptions>,
): Promise<void> {
  const tiles = items.map((item) => pairTile(item, options.patchSize));
  const rows: SheetTile[][] = [];
  for (let i = 0; i < tiles.length; i += PER_ROW) rows.push(tiles.slice(i, i + PER_ROW));
  const scale = options.patchSize <= 32 ? 2 : 1;
  await writeContactSheet(file, rows, { scale, title: `relative position: ${items.length} pairs, label = where the neighbour sits` });
}
