// Decodes a labelled image to the extractor's input: short side resized to `size`, centre crop,
// RGB, values mapped from uint8 0..255 to float [-1, 1] as the trainer feeds its trunk.
import sharp from 'sharp';

/** Decodes `file` into `out` at `offset` (size*size*3 floats, HWC). */
export async function loadImageInto(file: string, size: number, out: Float32Array, offset: number): Promise<void> {
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
  writePixels(decoded.data, decoded.info.channels, size * size, out, offset);
}

function writePixels(data: Buffer, channels: number, pixels: number, out: Float32Array, offset: number): void {
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < 3; c++) {
      // Grayscale files (some flowers are black and white) are tiled to 3 channels.
      const v = data[p * channels + (channels >= 3 ? c : 0)] as number;
      out[offset + p * 3 + c] = v / 127.5 - 1;
    }
  }
}

/** Decodes many files into one NHWC float buffer, a few at a time (sharp uses its own threads). */
export async function loadImages(files: readonly string[], size: number, concurrency = 4): Promise<Float32Array> {
  const stride = size * size * 3;
  const out = new Float32Array(files.length * stride);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      await loadImageInto(files[i] as string, size, out, i * stride);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return out;
}
