// Camera motion as one global translation, found by exhaustive block matching: a coarse search on
// a frame downscaled to about 30 rows, then a +-f refinement at full resolution. The cost is a
// truncated mean absolute difference, so moving objects (outliers) cannot drag the estimate.

import { downscale } from './image-ops';

export interface Shift {
  /** Content at (y, x) in frame a is at (y + dy, x + dx) in frame b. */
  readonly dy: number;
  readonly dx: number;
}

const TRUNCATE = 40;
/** A shift is only considered when at least this fraction of the frame overlaps. */
const MIN_OVERLAP = 0.5;

function cost(a: Float32Array, b: Float32Array, h: number, w: number, dy: number, dx: number): number {
  const y0 = Math.max(0, -dy);
  const y1 = Math.min(h, h - dy);
  const x0 = Math.max(0, -dx);
  const x1 = Math.min(w, w - dx);
  const area = (y1 - y0) * (x1 - x0);
  if (area < MIN_OVERLAP * h * w) return Infinity;
  let s = 0;
  for (let y = y0; y < y1; y++) {
    const ra = y * w;
    const rb = (y + dy) * w + dx;
    for (let x = x0; x < x1; x++) s += Math.min(TRUNCATE, Math.abs((a[ra + x] as number) - (b[rb + x] as number)));
  }
  return s / area;
}

/** Best shift in a square window around a centre; ties go to the shift nearest the centre (checked first). */
function search(a: Float32Array, b: Float32Array, h: number, w: number, cy: number, cx: number, r: number): Shift {
  let best = { dy: cy, dx: cx };
  let bestCost = cost(a, b, h, w, cy, cx);
  for (let ring = 1; ring <= r; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dy), Math.abs(dx)) !== ring) continue;
        const c = cost(a, b, h, w, cy + dy, cx + dx);
        if (c < bestCost) {
          bestCost = c;
          best = { dy: cy + dy, dx: cx + dx };
        }
      }
    }
  }
  return best;
}

/** Global translation from gray frame a to gray frame b, searched up to maxShift pixels. */
export function estimateShift(a: Float32Array, b: Float32Array, height: number, width: number, maxShift: number): Shift {
  const f = Math.max(1, Math.floor(Math.min(height, width) / 30));
  const ca = downscale(a, height, width, f);
  const cb = downscale(b, height, width, f);
  const coarse = search(ca.data, cb.data, ca.height, ca.width, 0, 0, Math.ceil(maxShift / f));
  return search(a, b, height, width, coarse.dy * f, coarse.dx * f, f);
}
