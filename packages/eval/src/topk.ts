// Top-k accuracy from class scores. Ties are broken by class index, so the result never depends
// on sort stability and equal scores cannot make a wrong answer count as right.

/** Rank of the true class among `numClasses` scores of row `row` (0 = best). */
function rankOfTrue(scores: Float32Array, row: number, numClasses: number, label: number): number {
  const base = row * numClasses;
  const target = scores[base + label] as number;
  let rank = 0;
  for (let c = 0; c < numClasses; c++) {
    const s = scores[base + c] as number;
    if (s > target || (s === target && c < label)) rank++;
  }
  return rank;
}

export function topKAccuracy(scores: Float32Array, labels: Int32Array, numClasses: number, k: number): number {
  if (labels.length === 0) return 0;
  let hits = 0;
  for (let i = 0; i < labels.length; i++) {
    if (rankOfTrue(scores, i, numClasses, labels[i] as number) < k) hits++;
  }
  return hits / labels.length;
}
