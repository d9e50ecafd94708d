// The photometric part of a view (Dosovitskiy et al. 2014): hue and saturation in HSV, then
// brightness and contrast on all channels. In place on an RGB patch.

export interface ColourShift {
  /** Hue shift as a fraction of the colour circle. */
  readonly hue: number;
  /** Saturation multiplier. */
  readonly saturation: number;
  /** Added to every channel, as a fraction of full scale. */
  readonly brightness: number;
  /** Multiplier of each pixel's distance from the patch mean. */
  readonly contrast: number;
}

export const NO_COLOUR_SHIFT: Readonly<ColourShift> = Object.freeze({ hue: 0, saturation: 1, brightness: 0, contrast: 1 });

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Hue and saturation of one pixel changed, value (max channel) kept. */
function shiftHueSat(r: number, g: number, b: number, hue: number, sat: number, out: Float32Array): void {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  if (max === 0 || delta === 0) {
    out[0] = r;
    out[1] = g;
    out[2] = b;
    return;
  }
  let h = max === r ? (g - b) / delta : max === g ? 2 + (b - r) / delta : 4 + (r - g) / delta;
  h = (((h / 6 + hue) % 1) + 1) % 1;
  const s = Math.min(1, (delta / max) * sat);
  const h6 = h * 6;
  const sector = Math.floor(h6);
  const f = h6 - sector;
  const p = max * (1 - s);
  const q = max * (1 - s * f);
  const t = max * (1 - s * (1 - f));
  const rgb = [
    [max, t, p],
    [q, max, p],
    [p, max, t],
    [p, q, max],
    [t, p, max],
    [max, p, q],
  ][sector % 6] as number[];
  out[0] = rgb[0] as number;
  out[1] = rgb[1] as number;
  out[2] = rgb[2] as number;
}

export function applyColourShift(rgb: Uint8Array, shift: Readonly<ColourShift>): void {
  const n = rgb.length / 3;
  const tmp = new Float32Array(rgb.length);
  const px = new Float32Array(3);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    shiftHueSat(rgb[3 * i] as number, rgb[3 * i + 1] as number, rgb[3 * i + 2] as number, shift.hue, shift.saturation, px);
    for (let c = 0; c < 3; c++) {
      const v = (px[c] as number) + shift.brightness * 255;
      tmp[3 * i + c] = v;
      sum += v;
    }
  }
  const mean = sum / rgb.length;
  for (let i = 0; i < rgb.length; i++) rgb[i] = clampByte(mean + ((tmp[i] as number) - mean) * shift.contrast);
}
