// Where the 3x3 grid and its jittered patches sit in the resized image, and which label a
// neighbour gets. Pure functions of the options and a random source.
import type { Rng } from '@mtssl/core';
import { cellSize, RelativePositionOptions } from './options';

/** Neighbour offsets (row, column) from the centre in label order 0..7 (docs/ARCHITECTURE.md). */
export const NEIGHBOUR_OFFSETS: ReadonlyArray<readonly [number, number]> = Object.freeze([
  [-1, -1],
  [-1, 0],
  [-1, 1],
  [0, -1],
  [0, 1],
  [1, -1],
  [1, 0],
  [1, 1],
] as const);

export interface PatchBox {
  /** Top-left corner in the resized image. */
  readonly x: number;
  readonly y: number;
}

export interface PairLayout {
  readonly label: number;
  readonly centre: PatchBox;
  readonly neighbour: PatchBox;
}

type Geometry = Pick<RelativePositionOptions, 'patchSize' | 'gap' | 'jitter'>;

/** Side of the square the jittered grid can cover: 3 patches, 2 gaps and jitter on both borders. */
export function gridExtent(o: Geometry): number {
  return 3 * o.patchSize + 2 * o.gap + 2 * o.jitter;
}

export function labelForOffset(dRow: number, dCol: number): number {
  const label = NEIGHBOUR_OFFSETS.findIndex(([r, c]) => r === dRow && c === dCol);
  if (label < 0) throw new RangeError(`no neighbour at offset (${dRow}, ${dCol})`);
  return label;
}

/**
 * Places the grid uniformly in a width x height image, picks a neighbour and jitters both
 * patches independently by up to `jitter` px in x and y.
 */
export function samplePairLayout(width: number, height: number, o: Geometry, rng: Rng): PairLayout {
  const extent = gridExtent(o);
  if (width < extent || height < extent) {
    throw new RangeError(`image ${width}x${height} cannot hold a grid of ${extent} px`);
  }
  const originX = rng.int(0, width - extent) + o.jitter;
  const originY = rng.int(0, height - extent) + o.jitter;
  const label = rng.int(0, 7);
  const [dRow, dCol] = NEIGHBOUR_OFFSETS[label] as readonly [number, number];
  const step = cellSize(o);
  const place = (row: number, col: number): PatchBox => ({
    x: originX + col * step + rng.int(-o.jitter, o.jitter),
    y: originY + row * step + rng.int(-o.jitter, o.jitter),
  });
  const centre = place(1, 1);
  const neighbour = place(1 + dRow, 1 + dCol);
  return { label, centre, neighbour };
}
