// Per-dimension standardisation with train-split statistics only, so no test information leaks
// into the probe. Constant dimensions keep scale 1 instead of dividing by zero.

export interface Standardizer {
  readonly mean: Float32Array;
  readonly scale: Float32Array;
}

export function fitStandardizer(data: Float32Array, count: number, dim: number): Standardizer {
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let i = 0; i < count; i++) {
    for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (data[i * dim + d] as number);
  }
  for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) / Math.max(count, 1);
  for (let i = 0; i < count; i++) {
    for (let d = 0; d < dim; d++) {
      const c = (data[i * dim + d] as number) - (mean[d] as number);
      sq[d] = (sq[d] as number) + c * c;
    }
  }
  const scale = new Float32Array(dim);
  for (let d = 0; d < dim; d++) {
    const std = Math.sqrt((sq[d] as number) / Math.max(count, 1));
    scale[d] = std > 1e-8 ? 1 / std : 1;
  }
  return { mean: Float32Array.from(mean), scale };
}

export function applyStandardizer(s: Standardizer, data: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const d = i % dim;
    out[i] = ((data[i] as number) - (s.mean[d] as number)) * (s.scale[d] as number);
  }
  return out;
}
