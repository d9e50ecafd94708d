// Test fixtures: Gaussian clusters in feature space, one well-separated centre per class.
import { Rng } from '@mtssl/core';

export interface Clusters {
  readonly x: Float32Array;
  readonly labels: Int32Array;
}

/** `seed` fixes the centres; `draw` picks the noise, so train and test share centres but not points. */
export function gaussianClusters(seed: number, perClass: number, numClasses: number, dim: number, spread: number, draw = 0): Clusters {
  const centreRng = Rng.from(seed, 'clusters');
  const centres = Array.from({ length: numClasses }, () => Array.from({ length: dim }, () => centreRng.normal(0, 3)));
  const rng = Rng.from(seed, 'clusters', draw);
  const n = perClass * numClasses;
  const x = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % numClasses;
    labels[i] = c;
    for (let d = 0; d < dim; d++) x[i * dim + d] = (centres[c]?.[d] as number) + rng.normal(0, spread);
  }
  return { x, labels };
}
