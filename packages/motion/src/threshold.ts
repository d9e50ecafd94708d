// Robust threshold of a motion-magnitude image: most pixels are static, so the median and the
// median absolute deviation (MAD) of the magnitude describe the noise; 1.4826 * MAD estimates its
// standard deviation for Gaussian noise. Threshold = max(floor, median + factor * 1.4826 * MAD).

/** Median of integer-valued bytes via a 256-bin histogram (exact, O(n)). */
function histogramMedian(hist: Uint32Array, count: number): number {
  const half = count / 2;
  let seen = 0;
  for (let v = 0; v < hist.length; v++) {
    seen += hist[v] as number;
    if (seen >= half) return v;
  }
  return hist.length - 1;
}

/** `values` are 0..255 bytes; only entries where `valid` is 1 count. */
export function madThreshold(values: Uint8Array, valid: Uint8Array, factor: number, floor: number): number {
  const hist = new Uint32Array(256);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (valid[i]) {
      hist[values[i] as number]++;
      count++;
    }
  }
  if (count === 0) return Math.max(floor, 255);
  const median = histogramMedian(hist, count);
  const dev = new Uint32Array(256);
  for (let v = 0; v < 256; v++) dev[Math.abs(v - median)] += hist[v] as number;
  const mad = histogramMedian(dev, count);
  return Math.max(floor, median + factor * 1.4826 * mad);
}
