// sRGB (8-bit, gamma-companded) <-> CIE XYZ (D65) <-> CIE Lab. Colorization predicts a/b from L, and the
// "harmonized" inputs of the other streams are L alone, so every stream must use this one conversion.
import { OptionError } from '../options';

// D65 reference white, with Y normalised to 1 (the IEC 61966-2-1 matrix below maps white to it).
const XN = 0.95047;
const YN = 1.0;
const ZN = 1.08883;
const EPSILON = 216 / 24389; // (6/29)^3: below it the Lab curve is linear
const KAPPA = 24389 / 27;

// A lookup table: sRGB decoding is the hot path of every image conversion.
const LINEAR_FROM_BYTE = buildLinearTable();

function buildLinearTable(): Float64Array {
  const table = new Float64Array(256);
  for (let i = 0; i < 256; i++) table[i] = srgbDecode(i / 255);
  return table;
}

function srgbDecode(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

function srgbEncode(c: number): number {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
}

function labF(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

function labFInverse(f: number): number {
  const f3 = f * f * f;
  return f3 > EPSILON ? f3 : (116 * f - 16) / KAPPA;
}

/** Linear-light sRGB (0..1) to Lab; exported so gamut computations can skip the 8-bit quantisation. */
export function linearRgbToLab(r: number, g: number, b: number): [number, number, number] {
  const x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = 0.0193339 * r + 0.119192 * g + 0.9503041 * b;
  const fx = labF(x / XN);
  const fy = labF(y / YN);
  const fz = labF(z / ZN);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** Lab to linear-light sRGB, unclamped (values outside 0..1 mean the colour is out of gamut). */
export function labToLinearRgb(L: number, a: number, b: number): [number, number, number] {
  const fy = (L + 16) / 116;
  const x = XN * labFInverse(fy + a / 500);
  const y = YN * labFInverse(fy);
  const z = ZN * labFInverse(fy - b / 200);
  return [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ];
}

function toByte(linear: number): number {
  const c = srgbEncode(Math.min(1, Math.max(0, linear)));
  return Math.round(c * 255);
}

/** 8-bit sRGB to Lab (L 0..100, a/b roughly -128..127). */
export function srgbToLab(r: number, g: number, b: number): [number, number, number] {
  return linearRgbToLab(LINEAR_FROM_BYTE[r & 255], LINEAR_FROM_BYTE[g & 255], LINEAR_FROM_BYTE[b & 255]);
}

/** Lab to 8-bit sRGB, clamped to the gamut and rounded. */
export function labToSrgb(L: number, a: number, b: number): [number, number, number] {
  const [r, g, bl] = labToLinearRgb(L, a, b);
  return [toByte(r), toByte(g), toByte(bl)];
}

/** L (0..100) to a byte (0..255), the scale the streams store L in. */
export function lightnessToByte(L: number): number {
  return Math.round(Math.min(100, Math.max(0, L)) * 2.55);
}

/** The inverse of lightnessToByte (to within its rounding). */
export function byteToLightness(v: number): number {
  return v / 2.55;
}

function checkImage(rgb: Uint8Array, channels: number): number {
  if (channels !== 3 && channels !== 4) throw new OptionError(`channels must be 3 or 4, got ${channels}`);
  if (rgb.length % channels !== 0) {
    throw new OptionError(`rgb length ${rgb.length} is not a multiple of channels ${channels}`);
  }
  return rgb.length / channels;
}

/** Interleaved 8-bit RGB(A) to interleaved L,a,b (alpha ignored). */
export function rgbImageToLab(rgb: Uint8Array, channels: 3 | 4): Float32Array {
  const n = checkImage(rgb, channels);
  const out = new Float32Array(n * 3);
  for (let i = 0, s = 0; i < n; i++, s += channels) {
    const lab = srgbToLab(rgb[s], rgb[s + 1], rgb[s + 2]);
    out[i * 3] = lab[0];
    out[i * 3 + 1] = lab[1];
    out[i * 3 + 2] = lab[2];
  }
  return out;
}

/** Interleaved L,a,b to interleaved 8-bit RGB (clamped to the gamut). */
export function labImageToRgb(lab: Float32Array): Uint8Array {
  if (lab.length % 3 !== 0) throw new OptionError(`lab length must be a multiple of 3, got ${lab.length}`);
  const out = new Uint8Array(lab.length);
  for (let i = 0; i < lab.length; i += 3) {
    const rgb = labToSrgb(lab[i], lab[i + 1], lab[i + 2]);
    out[i] = rgb[0];
    out[i + 1] = rgb[1];
    out[i + 2] = rgb[2];
  }
  return out;
}

/** L of each pixel as one byte per pixel (0..255): the colorization input. */
export function rgbImageToLightness(rgb: Uint8Array, channels: 3 | 4): Uint8Array {
  const n = checkImage(rgb, channels);
  const out = new Uint8Array(n);
  for (let i = 0, s = 0; i < n; i++, s += channels) {
    out[i] = lightnessToByte(srgbToLab(rgb[s], rgb[s + 1], rgb[s + 2])[0]);
  }
  return out;
}

/** "Harmonized" input: Lab L (as a byte) replicated into 3 channels, a/b dropped. */
export function harmonizeRgb(rgb: Uint8Array, channels: 3 | 4): Uint8Array {
  const lightness = rgbImageToLightness(rgb, channels);
  const out = new Uint8Array(lightness.length * 3);
  for (let i = 0; i < lightness.length; i++) {
    out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = lightness[i];
  }
  return out;
}
