import { harmonizeRgb, labImageToRgb, labToSrgb, lightnessToByte, rgbImageToLab, rgbImageToLightness, srgbToLab } from './lab';

function close(actual: readonly number[], expected: readonly number[], tol: number): void {
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(tol));
}

describe('srgbToLab', () => {
  it('maps known colours', () => {
    close(srgbToLab(255, 255, 255), [100, 0, 0], 0.01);
    close(srgbToLab(0, 0, 0), [0, 0, 0], 1e-9);
    close(srgbToLab(255, 0, 0), [53.24, 80.09, 67.2], 0.02);
    close(srgbToLab(0, 255, 0), [87.73, -86.18, 83.18], 0.02);
    close(srgbToLab(0, 0, 255), [32.3, 79.19, -107.86], 0.02);
    const grey = srgbToLab(119, 119, 119);
    expect(grey[0]).toBeCloseTo(50, 0);
    close(grey.slice(1), [0, 0], 0.01);
  });
});

describe('labToSrgb', () => {
  it('round-trips a sampled grid within one level', () => {
    let worst = 0;
    for (let r = 0; r < 256; r += 15) {
      for (let g = 0; g < 256; g += 15) {
        for (let b = 0; b < 256; b += 15) {
          const back = labToSrgb(...srgbToLab(r, g, b));
          worst = Math.max(worst, Math.abs(back[0] - r), Math.abs(back[1] - g), Math.abs(back[2] - b));
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('clamps out-of-gamut colours', () => {
    const rgb = labToSrgb(50, 127, -127);
    rgb.forEach((c) => expect(c >= 0 && c <= 255 && Number.isInteger(c)).toBe(true));
  });
});

describe('image conversions', () => {
  const rgba = Uint8Array.from([255, 0, 0, 9, 255, 255, 255, 9]);

  it('converts RGBA images to Lab and back', () => {
    const lab = rgbImageToLab(rgba, 4);
    expect(lab.length).toBe(6);
    close(Array.from(lab.slice(3)), [100, 0, 0], 0.01);
    close(Array.from(labImageToRgb(lab)), [255, 0, 0, 255, 255, 255], 1);
  });

  it('harmonizes to L replicated in 3 channels', () => {
    const h = harmonizeRgb(Uint8Array.from([119, 119, 119, 255, 0, 0]), 3);
    expect(Array.from(h.slice(0, 3))).toEqual([128, 128, 128]);
    expect(h[3]).toBe(lightnessToByte(53.24));
    expect(h[4]).toBe(h[3]);
    expect(Array.from(rgbImageToLightness(rgba, 4))).toEqual([h[3], 255]);
  });

  it('maps lightness to bytes', () => {
    expect(lightnessToByte(0)).toBe(0);
    expect(lightnessToByte(100)).toBe(255);
    expect(lightnessToByte(150)).toBe(255);
    expect(lightnessToByte(-3)).toBe(0);
  });

  describe('invalid parameters', () => {
    it('rejects bad channel counts and lengths', () => {
      expect(() => rgbImageToLab(new Uint8Array(6), 2 as 3)).toThrow('channels must be 3 or 4, got 2');
      expect(() => rgbImageToLab(new Uint8Array(7), 3)).toThrow('not a multiple');
      expect(() => labImageToRgb(new Float32Array(4))).toThrow('multiple of 3');
      expect(() => harmonizeRgb(new Uint8Array(5), 4)).toThrow('not a multiple');
    });
  });
});
