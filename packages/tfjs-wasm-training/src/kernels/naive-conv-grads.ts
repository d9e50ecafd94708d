import type { ConvGeometry } from './conv-geometry';

/** Direct-definition loops for conv2d's gradients: slow, obviously right, the reference kernels are checked against. */
export function naiveConvGrads(
  x: Float32Array,
  xShape: number[],
  filter: Float32Array,
  filterShape: number[],
  dy: Float32Array,
  g: ConvGeometry,
): { dx: Float32Array; dw: Float32Array } {
  const [n, h, w, cin] = xShape as [number, number, number, number];
  const [kh, kw, , cout] = filterShape as [number, number, number, number];
  const { rows, cols } = g;
  const dx = new Float32Array(x.length);
  const dw = new Float32Array(filter.length);
  for (let b = 0; b < n; b++)
    for (let oh = 0; oh < rows.outSize; oh++)
      for (let ow = 0; ow < cols.outSize; ow++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const ih = oh * rows.stride - rows.padBefore + i * rows.dilation;
            const iw = ow * cols.stride - cols.padBefore + j * cols.dilation;
            if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
            for (let ci = 0; ci < cin; ci++)
              for (let co = 0; co < cout; co++) {
                const d = dy[((b * rows.outSize + oh) * cols.outSize + ow) * cout + co]!;
                const xi = ((b * h + ih) * w + iw) * cin + ci;
                const wi = ((i * kw + j) * cin + ci) * cout + co;
                dw[wi]! += x[xi]! * d;
                dx[xi]! += filter[wi]! * d;
              }
          }
  return { dx, dw };
}
