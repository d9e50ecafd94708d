// The supervised ceiling on a manifest: decode the train split and train end-to-end. The test
// split is never seen, so the probe that follows measures it fairly.
import type { ResolvedManifest } from '@mtssl/core';
import type { TrainableExtractor } from './extractor';
import { loadImages } from './image-load';
import { checkProbeManifest, labelledFiles } from './labelled-set';
import { trainSupervised, type SupervisedResult } from './supervised';
import type { SupervisedOptions } from './supervised-options';

export async function trainSupervisedOnManifest(
  extractor: TrainableExtractor,
  manifest: ResolvedManifest,
  options: Partial<SupervisedOptions> = {},
): Promise<SupervisedResult> {
  checkProbeManifest(manifest);
  const train = labelledFiles(manifest, 'train');
  const images = await loadImages(train.files, extractor.inputSize);
  return trainSupervised(extractor, { images, labels: train.labels, numClasses: manifest.labels.length }, options);
}
