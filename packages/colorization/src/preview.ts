// The preview sheet: per sample, the L input, the true colours (L + the crop's a/b) and the colours
// decoded from the soft-encoded bins (L + expected a/b), so quantization error is visible at a glance.
import { byteToLightness, decodeAbExpectation, labToSrgb, Sample, SheetTile, StreamItem, writeContactSheet } from '@mtssl/core';
import { TRUE_AB_FIELD } from './make-sample';
import type { ColorizationOptions } from './options';
import { binCentersFor } from './schema';

type AbAt = (x: number, y: number) => readonly [number, number];

function colourTile(input: Uint8Array, size: number, abAt: AbAt, caption: string): SheetTile {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = y * size + x;
      const [a, b] = abAt(x, y);
      data.set(labToSrgb(byteToLightness(input[p]), a, b), p * 3);
    }
  }
  return { data, width: size, height: size, channels: 3, caption };
}

/** Expected a/b per target cell, from the bins and weights of the sample. */
export function decodedAb(sample: Sample, cells: number, k: number, centres: Float32Array): Float32Array {
  const out = new Float32Array(cells * 2);
  for (let c = 0; c < cells; c++) {
    const [a, b] = decodeAbExpectation(sample['ab_bins'].subarray(c * k, c * k + k), sample['ab_weights'].subarray(c * k, c * k + k), centres);
    out[2 * c] = a;
    out[2 * c + 1] = b;
  }
  return out;
}

function sampleRow(item: StreamItem, o: Readonly<ColorizationOptions>, centres: Float32Array): SheetTile[] {
  const s = o.inputSize;
  const t = o.targetSize ?? s / 8;
  const input = item.sample['input'] as Uint8Array;
  const row: SheetTile[] = [{ data: input, width: s, height: s, channels: 1, caption: `#${item.index} L` }];
  const trueAb = item.sample[TRUE_AB_FIELD];
  if (trueAb) row.push(colourTile(input, s, (x, y) => [trueAb[(y * s + x) * 2] - 128, trueAb[(y * s + x) * 2 + 1] - 128], 'true'));
  const ab = decodedAb(item.sample, t * t, o.softK, centres);
  const cell = (x: number, y: number): number => Math.floor((y * t) / s) * t + Math.floor((x * t) / s);
  const weight = item.sample['sample_weight'][0];
  row.push(colourTile(input, s, (x, y) => [ab[2 * cell(x, y)], ab[2 * cell(x, y) + 1]], weight < 1 ? `bins w=${weight}` : 'bins'));
  return row;
}

export async function previewColorization(items: readonly StreamItem[], file: string, options: Readonly<ColorizationOptions>): Promise<void> {
  const centres = binCentersFor(options);
  const rows = items.map((item) => sampleRow(item, options, centres));
  const scale = Math.max(1, Math.round(96 / options.inputSize));
  // samples read back from shards carry no true colours: the title names the columns the sheet has
  const withTrue = rows.some((r) => r.length === 3);
  await writeContactSheet(file, rows, { scale, title: `colorization: L input | ${withTrue ? 'true colours | ' : ''}decoded from bins` });
}
