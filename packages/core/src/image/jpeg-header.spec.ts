import sharp from 'sharp';
import { readJpegHeader } from './jpeg-header';

const rgb = (w: number, h: number) =>
  sharp(Buffer.from(Array.from({ length: w * h * 3 }, (_, i) => (i * 37) & 255)), { raw: { width: w, height: h, channels: 3 } });

async function expectSameAsLibvips(bytes: Buffer): Promise<void> {
  const meta = await sharp(bytes).metadata();
  expect(readJpegHeader(bytes)).toEqual({
    width: meta.width,
    height: meta.height,
    orientation: meta.orientation ?? 1,
    frameMarker: meta.isProgressive ? 0xc2 : 0xc0,
    precision: 8,
    components: meta.channels,
    // libvips writes CMYK JPEGs with an Adobe segment
    colourSegments: meta.icc !== undefined || meta.space === 'cmyk',
    sampling: expect.stringMatching(/^\dx\d(,\dx\d)*$/),
  });
  expect(readJpegHeader(bytes)?.sampling.split(',')).toHaveLength(meta.channels ?? 0);
}

describe('readJpegHeader', () => {
  it('agrees with libvips on size and orientation for the JPEG kinds a photo folder holds', async () => {
    await expectSameAsLibvips(await rgb(37, 23).jpeg().toBuffer());
    await expectSameAsLibvips(await rgb(40, 64).jpeg({ progressive: true }).toBuffer());
    await expectSameAsLibvips(await rgb(31, 17).greyscale().jpeg().toBuffer());
    await expectSameAsLibvips(await rgb(20, 30).jpeg({ chromaSubsampling: '4:4:4' }).toBuffer());
    await expectSameAsLibvips(await rgb(24, 24).toColourspace('cmyk').jpeg().toBuffer());
    await expectSameAsLibvips(await rgb(33, 21).jpeg().withIccProfile('p3').toBuffer());
    for (let orientation = 1; orientation <= 8; orientation++) {
      await expectSameAsLibvips(await rgb(30, 18).jpeg().withMetadata({ orientation }).toBuffer());
    }
    // big-endian (Motorola) Exif, as many cameras write it
    expect(readJpegHeader(await rgb(16, 16).jpeg().toBuffer())?.sampling).toBe('2x2,1x1,1x1');
    expect(readJpegHeader(await rgb(16, 16).jpeg({ chromaSubsampling: '4:4:4' }).toBuffer())?.sampling).toBe('1x1,1x1,1x1');
    const motorola = await rgb(30, 18).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(readJpegHeader(motorola)?.orientation).toBe(6);
  });

  it('reads orientation from a big-endian Exif block', () => {
    const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0];
    const app1 = [0xff, 0xe1, 0, 2 + 6 + tiff.length, 0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    const sof = [0xff, 0xc0, 0, 11, 8, 0, 50, 0, 70, 1, 1, 0x11, 0];
    expect(readJpegHeader(Uint8Array.from([0xff, 0xd8, ...app1, ...sof]))).toEqual({ width: 70, height: 50, orientation: 8, frameMarker: 0xc0, precision: 8, components: 1, colourSegments: false, sampling: '1x1' });
  });

  describe('invalid or unusual inputs return null (the caller asks libvips)', () => {
    it('is null for other formats, cut-off headers and odd Exif', async () => {
      expect(readJpegHeader(await rgb(8, 8).png().toBuffer())).toBeNull();
      expect(readJpegHeader(Uint8Array.of())).toBeNull();
      const jpeg = await rgb(20, 10).jpeg().toBuffer();
      const sofAt = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
      expect(readJpegHeader(jpeg.subarray(0, sofAt + 4))).toBeNull();
      const zeroWidth = Buffer.from(jpeg);
      zeroWidth.writeUInt16BE(0, sofAt + 7);
      expect(readJpegHeader(zeroWidth)).toBeNull();
      // an orientation of 9 is not one libvips applies
      const tiff = [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0];
      const app1 = [0xff, 0xe1, 0, 2 + 6 + tiff.length, 0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
      const sof = [0xff, 0xc0, 0, 11, 8, 0, 50, 0, 70, 1, 1, 0x11, 0];
      expect(readJpegHeader(Uint8Array.from([0xff, 0xd8, ...app1, ...sof]))).toBeNull();
      // two Exif blocks
      expect(readJpegHeader(Uint8Array.from([0xff, 0xd8, ...app1, ...app1, ...sof]))).toBeNull();
    });
  });
});
