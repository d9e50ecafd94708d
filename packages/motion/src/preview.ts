// Preview: one row per sample: the frame, the mask tinted over the frame, and (for samples made in
// this process) the motion magnitude.
import { blendMask, SheetTile, StreamItem, writeContactSheet } from '@mtssl/core';
import type { MotionOptions } from './options';

/** Magnitudes of samples produced in this process; samples read back from shards have none. */
const magnitudes = new WeakMap<object, Uint8Array>();

export function rememberMagnitude(sample: object, magnitude: Uint8Array): void {
  magnitudes.set(sample, magnitude);
}

/** Stretches the magnitude so its maximum is white (it is usually far below 255). */
function stretch(m: Uint8Array): Uint8Array {
  let max = 1;
  for (const v of m) max = Math.max(max, v);
  return m.map((v) => Math.round((v * 255) / max));
}

export async function writeMotionPreview(items: readonly StreamItem[], file: string, o: Readonly<MotionOptions>): Promise<void> {
  const { height, width } = o;
  const rows = items.map((item): SheetTile[] => {
    const frame = item.sample['frame'] as Uint8Array;
    const mask = item.sample['mask'] as Uint8Array;
    const overlay = Uint8Array.from(frame);
    blendMask({ data: overlay, height, width, channels: 3 }, mask, [255, 0, 0], 0.55);
    const magnitude = magnitudes.get(item.sample);
    const row: SheetTile[] = [
      { data: frame, height, width, channels: 3, caption: `#${item.index}` },
      { data: overlay, height, width, channels: 3, caption: 'mask' },
    ];
    // samples read back from shards have no magnitude: no third column then
    if (magnitude) row.push({ data: stretch(magnitude), height, width, channels: 1, caption: 'motion' });
    return row;
  });
  const withMagnitude = rows.some((r) => r.length === 3);
  await writeContactSheet(file, rows, { scale: Math.max(1, Math.round(160 / width)), title: `motion: frame | mask over frame${withMagnitude ? ' | motion magnitude' : ''}` });
}
