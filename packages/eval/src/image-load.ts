// Decodes a labelled image to the extractor's input: short side resized to `size`, centre crop,
// RGB, values mapped from uint8 0..255 to float [-1, 1] as the trainer feeds its trunk.
import sharp from 'sharp';

/** `file` as size x size RGB uint8 (HWC): short side to `size`, centre crop, grey tiled to 3 channels. */
export async function decodeSquareRgb(file: string, size: number): Promise<Uint8Array> {
  let decoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    // fit 'cover' = scale the short side to `size`, then crop the centre.
    decoded = await sharp(file, { failOn: 'truncated' })
      .rotate()
      .resize(size, size, { fit: 'cover', position: 'centre' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw new Error(`${file}: cannot decode image (${err instanceof Error ? err.message : String(err)})`);
  }
  const { data, info } = decoded;
  if (info.channels === 3) return new Uint8Array(data.buffer, data.byteOffset, data.length);
  // Grayscale files (some flowers are black and white) are tiled to 3 channels.
  const pixels = size * size;
  const out = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < 3; c++) out[p * 3 + c] = data[p * info.channels + (info.channels >= 3 ? c : 0)] as number;
  }
  return out;
}

/** Decodes `file` into `out` at `offset` (size*size*3 floats, HWC). */
export async function loadImageInto(file: string, size: number, out: Float32Array, offset: number): Promise<void> {
  const rgb = await decodeSquareRgb(file, size);
  for (let i = 0; i < rgb.length; i++) out[offset + i] = (rgb[i] as number) / 127.5 - 1;
}

/** Runs `task(i)` for i in [0, count), `concurrency` at a time (sharp decodes on its own threads). */
export async function forEachConcurrently(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Decodes many files into one NHWC float buffer, a few at a time. */
export async function loadImages(files: readonly string[], size: number, concurrency = 4): Promise<Float32Array> {
  const stride = size * size * 3;
  const out = new Float32Array(files.length * stride);
  await forEachConcurrently(files.length, concurrency, (i) => loadImageInto(files[i] as string, size, out, i * stride));
  return out;
}
