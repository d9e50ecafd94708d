// A JPEG's pixel size and EXIF orientation read from its bytes in JS: the streams need both before
// decoding (the size check and the resize target), and asking libvips for them costs a whole call.
// Anything unusual returns null and the caller asks libvips, so this never decides alone.

export interface JpegHeader {
  /** As stored, before the EXIF orientation is applied. */
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1-8 (1 when there is none). */
  readonly orientation: number;
  /** The start-of-frame marker: 0xc0 baseline, 0xc1 extended, 0xc2 progressive, others rarer. */
  readonly frameMarker: number;
  /** Bits a sample: 8 almost always, 12 in some medical and camera-raw files. */
  readonly precision: number;
  /** Colour components: 3 for YCbCr (or RGB/CMYK variants signalled elsewhere), 1 grey, 4 CMYK. */
  readonly components: number;
  /** An ICC profile (APP2) or Adobe colour transform (APP14) segment precedes the scan. */
  readonly colourSegments: boolean;
  /** Each component's sampling factors as 'HxV', comma-separated: '2x2,1x1,1x1' is 4:2:0. */
  readonly sampling: string;
}

// Start-of-frame markers C0-CF, except DHT (C4), JPG (C8) and DAC (CC)
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
// Markers that stand alone, without a length: TEM and RST0-7
const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

/** Size, orientation and frame facts, or null when the bytes are not a JPEG this reader is sure about. */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let orientation: number | null = 1;
  let exifBlocks = 0;
  let colourSegments = false;
  let frame: { width: number; height: number; frameMarker: number; precision: number; components: number; sampling: string } | null = null;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1] as number;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (isStandalone(marker)) {
      pos += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) return null;
    if (marker === 0xda) break; // the scan: every header segment has been seen
    const length = readU16(bytes, pos + 2, false);
    const start = pos + 4;
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) return null;
    if (marker === 0xe1 && isExif(bytes, start, end)) {
      exifBlocks++;
      orientation = exifOrientation(bytes, start + 6, end);
    } else if (marker === 0xe2 || marker === 0xee) {
      colourSegments ||= hasTag(bytes, start, end, marker === 0xe2 ? 'ICC_PROFILE' : 'Adobe');
    } else if (isStartOfFrame(marker)) {
      const components = bytes[start + 5] as number;
      if (end - start < 6 + 3 * components || frame) return null;
      const factors = Array.from({ length: components }, (_, c) => bytes[start + 7 + 3 * c] as number);
      const sampling = factors.map((f) => `${f >> 4}x${f & 15}`).join(',');
      frame = { height: readU16(bytes, start + 1, false), width: readU16(bytes, start + 3, false), frameMarker: marker, precision: bytes[start] as number, components, sampling };
    }
    pos = end;
  }
  // several Exif blocks: which one libvips reads is not this reader's to guess
  if (!frame || frame.width === 0 || frame.height === 0 || orientation === null || exifBlocks > 1) return null;
  return { ...frame, orientation, colourSegments };
}

function hasTag(bytes: Uint8Array, start: number, end: number, tag: string): boolean {
  if (end - start < tag.length) return false;
  for (let i = 0; i < tag.length; i++) if (bytes[start + i] !== tag.charCodeAt(i)) return false;
  return true;
}

function isExif(bytes: Uint8Array, start: number, end: number): boolean {
  const tag = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
  return end - start >= 14 && tag.every((b, i) => bytes[start + i] === b);
}

function readU16(bytes: Uint8Array, at: number, little: boolean): number {
  const a = bytes[at] as number;
  const b = bytes[at + 1] as number;
  return little ? a | (b << 8) : (a << 8) | b;
}

function readU32(bytes: Uint8Array, at: number, little: boolean): number {
  return little
    ? (readU16(bytes, at, true) + readU16(bytes, at + 2, true) * 65536)
    : (readU16(bytes, at, false) * 65536 + readU16(bytes, at + 2, false));
}

/** The Orientation tag (0x0112) of IFD0 in the TIFF structure at `tiff`: 1 if absent, null if odd. */
function exifOrientation(bytes: Uint8Array, tiff: number, end: number): number | null {
  const order = readU16(bytes, tiff, false);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const little = order === 0x4949;
  if (readU16(bytes, tiff + 2, little) !== 42) return null;
  const ifd = tiff + readU32(bytes, tiff + 4, little);
  if (ifd + 2 > end) return null;
  const count = readU16(bytes, ifd, little);
  if (ifd + 2 + count * 12 > end) return null;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (readU16(bytes, entry, little) !== 0x0112) continue;
    const type = readU16(bytes, entry + 2, little);
    const n = readU32(bytes, entry + 4, little);
    const value = readU16(bytes, entry + 8, little);
    return type === 3 && n === 1 && value >= 1 && value <= 8 ? value : null;
  }
  return 1;
}
