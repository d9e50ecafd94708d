// Small image operations on single-channel row-major images, written out because they run per
// frame in the workers and must not allocate tensors or call into libvips for 60x80 pixels.

/** ITU-R BT.601 luma of an rgb24 image, as floats 0..255. */
export function toGray(rgb: Uint8Array, height: number, width: number): Float32Array {
  const out = new Float32Array(height * width);
  for (let i = 0, j = 0; i < out.length; i++, j += 3) {
    out[i] = 0.299 * (rgb[j] as number) + 0.587 * (rgb[j + 1] as number) + 0.114 * (rgb[j + 2] as number);
  }
  return out;
}

/** Box blur with a (2r+1)^2 window, edges clamped: suppresses compression and sensor noise. */
export function boxBlur(src: Float32Array, height: number, width: number, r: number): Float32Array {
  if (r <= 0) return src;
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const n = 2 * r + 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let d = -r; d <= r; d++) s += src[y * width + Math.min(width - 1, Math.max(0, x + d))] as number;
      tmp[y * width + x] = s / n;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let d = -r; d <= r; d++) s += tmp[Math.min(height - 1, Math.max(0, y + d)) * width + x] as number;
      out[y * width + x] = s / n;
    }
  }
  return out;
}

/** Mean over f x f blocks (dimensions floored): the coarse level for the global-shift search. */
export function downscale(src: Float32Array, height: number, width: number, f: number): { data: Float32Array; height: number; width: number } {
  const h = Math.floor(height / f);
  const w = Math.floor(width / f);
  const data = new Float32Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let dy = 0; dy < f; dy++) for (let dx = 0; dx < f; dx++) s += src[(y * f + dy) * width + x * f + dx] as number;
      data[y * w + x] = s / (f * f);
    }
  }
  return { data, height: h, width: w };
}

/** Binary erosion (op 'min') or dilation (op 'max') with a (2r+1)^2 square, separable. Outside counts as 0. */
function morph(mask: Uint8Array, height: number, width: number, r: number, op: 'min' | 'max'): Uint8Array {
  const pick = op === 'min' ? Math.min : Math.max;
  const tmp = new Uint8Array(mask.length);
  const out = new Uint8Array(mask.length);
  const at = (src: Uint8Array, y: number, x: number) => (y < 0 || y >= height || x < 0 || x >= width ? (op === 'min' ? 1 : 0) : (src[y * width + x] as number));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = op === 'min' ? 1 : 0;
      for (let d = -r; d <= r; d++) v = pick(v, at(mask, y, x + d));
      tmp[y * width + x] = v;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = op === 'min' ? 1 : 0;
      for (let d = -r; d <= r; d++) v = pick(v, at(tmp, y + d, x));
      out[y * width + x] = v;
    }
  }
  return out;
}

export function erode(mask: Uint8Array, height: number, width: number, r: number): Uint8Array {
  return r <= 0 ? mask : morph(mask, height, width, r, 'min');
}

export function dilate(mask: Uint8Array, height: number, width: number, r: number): Uint8Array {
  return r <= 0 ? mask : morph(mask, height, width, r, 'max');
}

/** Opening removes specks smaller than the element; closing then fills small holes and gaps. */
export function openClose(mask: Uint8Array, height: number, width: number, r: number): Uint8Array {
  const opened = dilate(erode(mask, height, width, r), height, width, r);
  return erode(dilate(opened, height, width, r), height, width, r);
}
