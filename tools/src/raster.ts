// A tiny RGB raster for the synthetic corpus: enough to draw varied, learnable structure.
import { Rng } from '@mtssl/core';

export type RGB = readonly [number, number, number];

export class Raster {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 3);
  }

  set(x: number, y: number, c: RGB, alpha = 1): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    for (let ch = 0; ch < 3; ch++) {
      const old = this.data[i + ch] as number;
      this.data[i + ch] = Math.round(old + ((c[ch] as number) - old) * alpha);
    }
  }

  /** Vertical-diagonal gradient between two colours. */
  gradient(a: RGB, b: RGB, angle: number): void {
    const cx = Math.cos(angle);
    const cy = Math.sin(angle);
    const span = Math.abs(cx) * this.width + Math.abs(cy) * this.height;
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const t = Math.min(1, Math.max(0, ((x - this.width / 2) * cx + (y - this.height / 2) * cy) / span + 0.5));
        this.set(x, y, mix(a, b, t));
      }
    }
  }

  /** Anti-aliased filled disc. */
  disc(cx: number, cy: number, r: number, c: RGB, alpha = 1): void {
    for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++) {
      for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const cover = Math.min(1, Math.max(0, r - d + 0.5));
        if (cover > 0) this.set(x, y, c, cover * alpha);
      }
    }
  }

  rect(x0: number, y0: number, w: number, h: number, c: RGB, alpha = 1): void {
    for (let y = Math.round(y0); y < Math.round(y0 + h); y++) {
      for (let x = Math.round(x0); x < Math.round(x0 + w); x++) this.set(x, y, c, alpha);
    }
  }

  /** Periodic pattern painted where `inside(u, v)` holds, (u, v) the rotated coordinates. */
  pattern(angle: number, inside: (u: number, v: number) => boolean, c: RGB, alpha = 1): void {
    const ca = Math.cos(angle);
    const sa = Math.sin(angle);
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const u = x * ca + y * sa;
        const v = -x * sa + y * ca;
        if (inside(u, v)) this.set(x, y, c, alpha);
      }
    }
  }

  /** Smooth value noise added to every channel: texture so no region is flat. */
  noise(rng: Rng, cell: number, amplitude: number): void {
    const gw = Math.ceil(this.width / cell) + 2;
    const gh = Math.ceil(this.height / cell) + 2;
    const grid = Float32Array.from({ length: gw * gh }, () => rng.uniform(-1, 1));
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const gx = x / cell;
        const gy = y / cell;
        const ix = Math.floor(gx);
        const iy = Math.floor(gy);
        const fx = smooth(gx - ix);
        const fy = smooth(gy - iy);
        const at = (i: number, j: number) => grid[j * gw + i] as number;
        const n =
          (at(ix, iy) * (1 - fx) + at(ix + 1, iy) * fx) * (1 - fy) + (at(ix, iy + 1) * (1 - fx) + at(ix + 1, iy + 1) * fx) * fy;
        const i = (y * this.width + x) * 3;
        for (let ch = 0; ch < 3; ch++) {
          this.data[i + ch] = clampByte((this.data[i + ch] as number) + n * amplitude);
        }
      }
    }
  }
}

function smooth(t: number): number {
  return t * t * (3 - 2 * t);
}

export function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

export function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** HSV (h in [0, 1)) to 8-bit RGB. */
export function hsv(h: number, s: number, v: number): RGB {
  const i = Math.floor(h * 6);
  const f = h * 6 - i;
  const p = v * (1 - s);
  const q = v * (1 - f * s);
  const t = v * (1 - (1 - f) * s);
  const [r, g, b] = [
    [v, t, p],
    [q, v, p],
    [p, v, t],
    [p, q, v],
    [t, p, v],
    [v, p, q],
  ][((i % 6) + 6) % 6] as [number, number, number];
  return [r * 255, g * 255, b * 255];
}
