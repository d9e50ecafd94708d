// One PNG a person can check at a glance: every stream's preview lays its samples out here, so the
// sheets of all tasks look alike and the drawing helpers (lines, arrows, masks) are shared.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { OptionError, requireNonNegativeInt, requirePositiveInt } from '../options';

export type Rgb = readonly [number, number, number];

/** An image tile: uint8 HWC, 1 channel (shown as grey) or 3 (RGB). */
export interface SheetTile {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly caption?: string;
}

export interface ContactSheetOptions {
  /** Pixels between tiles and around the sheet. */
  readonly gap: number;
  readonly background: Rgb;
  /** Integer nearest-neighbour magnification of every tile (small samples are hard to see). */
  readonly scale: number;
  readonly title?: string;
}

export const CONTACT_SHEET_DEFAULTS: Readonly<ContactSheetOptions> = Object.freeze({
  gap: 4,
  background: Object.freeze([32, 32, 32] as const),
  scale: 1,
});

const TEXT_HEIGHT = 14;

function checkTile(tile: SheetTile, where: string): void {
  requirePositiveInt(`${where}.width`, tile.width);
  requirePositiveInt(`${where}.height`, tile.height);
  if (tile.channels !== 1 && tile.channels !== 3) throw new OptionError(`${where}.channels must be 1 or 3, got ${tile.channels}`);
  const need = tile.width * tile.height * tile.channels;
  if (tile.data.length !== need) throw new OptionError(`${where}.data must have ${need} bytes, got ${tile.data.length}`);
}

function checkColour(name: string, colour: Rgb): void {
  if (colour.length !== 3 || colour.some((c) => !Number.isInteger(c) || c < 0 || c > 255)) {
    throw new OptionError(`${name} must be three integers in [0, 255], got [${colour.join(', ')}]`);
  }
}

function resolveSheetOptions(options: Partial<ContactSheetOptions>): ContactSheetOptions {
  const o = { ...CONTACT_SHEET_DEFAULTS, ...options };
  requireNonNegativeInt('gap', o.gap);
  requirePositiveInt('scale', o.scale);
  checkColour('background', o.background);
  return o;
}

interface Layout {
  readonly width: number;
  readonly height: number;
  readonly titleHeight: number;
  readonly captionHeight: number;
  /** Top-left corner of each tile, per row. */
  readonly positions: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

function layOut(rows: readonly (readonly SheetTile[])[], o: ContactSheetOptions): Layout {
  const titleHeight = o.title ? TEXT_HEIGHT + o.gap : 0;
  const captionHeight = rows.some((r) => r.some((t) => t.caption)) ? TEXT_HEIGHT : 0;
  let y = o.gap + titleHeight;
  let width = 0;
  const positions = rows.map((row) => {
    let x = o.gap;
    const rowHeight = Math.max(0, ...row.map((t) => t.height * o.scale));
    const placed = row.map((t) => {
      const at = [x, y] as const;
      x += t.width * o.scale + o.gap;
      return at;
    });
    width = Math.max(width, x);
    y += rowHeight + captionHeight + o.gap;
    return placed;
  });
  return { width: Math.max(width, o.gap * 2 + 1), height: Math.max(y, o.gap * 2 + 1), titleHeight, captionHeight, positions };
}

function paste(canvas: Uint8Array, canvasWidth: number, tile: SheetTile, x0: number, y0: number, scale: number): void {
  for (let y = 0; y < tile.height * scale; y++) {
    const sy = Math.floor(y / scale);
    for (let x = 0; x < tile.width * scale; x++) {
      const s = (sy * tile.width + Math.floor(x / scale)) * tile.channels;
      const d = ((y0 + y) * canvasWidth + x0 + x) * 3;
      canvas[d] = tile.data[s];
      canvas[d + 1] = tile.data[s + (tile.channels === 3 ? 1 : 0)];
      canvas[d + 2] = tile.data[s + (tile.channels === 3 ? 2 : 0)];
    }
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

function textSvg(rows: readonly (readonly SheetTile[])[], layout: Layout, o: ContactSheetOptions): string | undefined {
  const parts: string[] = [];
  const text = (x: number, y: number, s: string): void => {
    parts.push(`<text x="${x}" y="${y}" font-family="sans-serif" font-size="11" fill="#ffffff">${escapeXml(s)}</text>`);
  };
  if (o.title) text(o.gap, o.gap + TEXT_HEIGHT - 3, o.title);
  rows.forEach((row, r) =>
    row.forEach((tile, i) => {
      if (!tile.caption) return;
      const [x, y] = layout.positions[r][i];
      text(x, y + tile.height * o.scale + TEXT_HEIGHT - 3, tile.caption);
    }),
  );
  if (parts.length === 0) return undefined;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}">${parts.join('')}</svg>`;
}

async function encodePng(canvas: Uint8Array, layout: Layout, svg: string | undefined): Promise<Buffer> {
  const raw = { raw: { width: layout.width, height: layout.height, channels: 3 as const } };
  if (svg) {
    try {
      return await sharp(canvas, raw).composite([{ input: Buffer.from(svg), top: 0, left: 0 }]).png().toBuffer();
    } catch {
      // Text is a convenience: a sharp build without fonts/librsvg still gets the pixels.
    }
  }
  return sharp(canvas, raw).png().toBuffer();
}

/** Lays the tiles out in rows and writes a PNG atomically (temp file + rename). */
export async function writeContactSheet(
  file: string,
  rows: readonly (readonly SheetTile[])[],
  options: Partial<ContactSheetOptions> = {},
): Promise<void> {
  const o = resolveSheetOptions(options);
  rows.forEach((row, r) => row.forEach((t, i) => checkTile(t, `rows[${r}][${i}]`)));
  const layout = layOut(rows, o);
  const canvas = new Uint8Array(layout.width * layout.height * 3);
  for (let i = 0; i < canvas.length; i += 3) canvas.set(o.background, i);
  rows.forEach((row, r) => row.forEach((t, i) => paste(canvas, layout.width, t, layout.positions[r][i][0], layout.positions[r][i][1], o.scale)));
  const png = await encodePng(canvas, layout, textSvg(rows, layout, o));
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temp, png);
  await fs.rename(temp, file);
}

/** A mutable RGB or grey tile the drawing helpers paint on. */
export interface PaintTile {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

function setPixel(tile: PaintTile, x: number, y: number, colour: Rgb): void {
  if (x < 0 || y < 0 || x >= tile.width || y >= tile.height) return;
  const i = (y * tile.width + x) * tile.channels;
  if (tile.channels === 1) {
    tile.data[i] = Math.round(0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]);
  } else {
    tile.data[i] = colour[0];
    tile.data[i + 1] = colour[1];
    tile.data[i + 2] = colour[2];
  }
}

/** A 1-pixel line (Bresenham), clipped to the tile. */
export function drawLine(tile: PaintTile, x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
  let x = Math.round(x0);
  let y = Math.round(y0);
  const xe = Math.round(x1);
  const ye = Math.round(y1);
  const dx = Math.abs(xe - x);
  const dy = -Math.abs(ye - y);
  const sx = x < xe ? 1 : -1;
  const sy = y < ye ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    setPixel(tile, x, y, colour);
    if (x === xe && y === ye) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}

/** A line with a two-stroke head at (x1, y1); head length in pixels. */
export function drawArrow(tile: PaintTile, x0: number, y0: number, x1: number, y1: number, colour: Rgb, head = 4): void {
  drawLine(tile, x0, y0, x1, y1, colour);
  const angle = Math.atan2(y1 - y0, x1 - x0);
  for (const side of [-1, 1]) {
    const t = angle + Math.PI + side * (Math.PI / 6);
    drawLine(tile, x1, y1, x1 + head * Math.cos(t), y1 + head * Math.sin(t), colour);
  }
}

/** Tints the pixels where mask is non-zero: out = (1 - alpha) * pixel + alpha * colour. In place. */
export function blendMask(tile: PaintTile, mask: Uint8Array, colour: Rgb, alpha: number): void {
  if (mask.length !== tile.width * tile.height) {
    throw new OptionError(`mask must have ${tile.width * tile.height} elements, got ${mask.length}`);
  }
  if (!Number.isFinite(alpha) || alpha < 0 || alpha > 1) throw new OptionError(`alpha must be a number in [0, 1], got ${alpha}`);
  const grey = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2];
  for (let p = 0; p < mask.length; p++) {
    if (!mask[p]) continue;
    for (let c = 0; c < tile.channels; c++) {
      const i = p * tile.channels + c;
      const target = tile.channels === 1 ? grey : colour[c];
      tile.data[i] = Math.round((1 - alpha) * tile.data[i] + alpha * target);
    }
  }
}
