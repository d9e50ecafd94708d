// After the shards are written: the empirical a/b bin distribution of the whole dataset, turned into
// Zhang et al.'s class-rebalancing weights, stored as dataset extras for the trainer's loss.
import type { ColorizationExtras } from '@mtssl/contracts';
import { openDataset, rebalanceWeights, updateDatasetExtras } from '@mtssl/core';
import type { ColorizationOptions } from './options';
import { binCentersFor } from './schema';

// What the trainer reads from the dataset extras is a contract (@mtssl/contracts); the stream's name for it.
export type RebalanceExtras = ColorizationExtras;

/** Sums ab_weights (times the sample's weight) into one histogram over the bins. */
export async function binHistogram(datasetDir: string, numBins: number): Promise<Float64Array> {
  const dataset = await openDataset(datasetDir);
  try {
    if (dataset.schema.task !== 'colorization') throw new Error(`${datasetDir}: dataset is ${dataset.schema.task}, not colorization`);
    const stored = dataset.schema.attributes?.['numBins'];
    if (stored !== numBins) throw new Error(`${datasetDir}: dataset has ${String(stored)} bins, the options give ${numBins}`);
    const histogram = new Float64Array(numBins);
    for await (const { sample } of dataset.samples()) {
      const bins = sample['ab_bins'];
      const weights = sample['ab_weights'];
      const w = sample['sample_weight'][0];
      for (let i = 0; i < bins.length; i++) histogram[bins[i]] += weights[i] * w;
    }
    return histogram;
  } finally {
    await dataset.close();
  }
}

export async function finalizeColorization(datasetDir: string, options: Readonly<ColorizationOptions>): Promise<RebalanceExtras> {
  const centres = binCentersFor(options);
  const histogram = await binHistogram(datasetDir, centres.length / 2);
  const weights = rebalanceWeights(histogram, { centres });
  const extras: RebalanceExtras = {
    rebalance: Array.from(weights),
    binCenters: Array.from({ length: centres.length / 2 }, (_, q) => [centres[2 * q], centres[2 * q + 1]] as [number, number]),
    binHistogram: Array.from(histogram),
  };
  await updateDatasetExtras(datasetDir, { ...extras });
  return extras;
}
