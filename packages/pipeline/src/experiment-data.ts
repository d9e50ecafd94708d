// The probe's images for the experiment, decoded once into pixel caches under the output folder:
// the labelled manifest's train split, and as test set its holdout, a seeded validation part of the
// train split (`validate`: choices are tuned without touching the holdout), or a separate labelled
// test manifest (every labelled image of it, e.g. CIFAR-10's official test half in the same layout).
import { join } from 'node:path';
import { loadManifest } from '@mtssl/core';
import { externalTestFiles, labelledFiles, loadPixelSet, perClassIndices, splitPerClass, subsetPixels } from '@mtssl/eval';
import type { ProbeData } from './experiment-probe';
import { GENERATORS } from './registry';

export interface ProbeDataRequest {
  readonly manifestFile: string;
  readonly testManifestFile?: string;
  readonly validate: boolean;
  readonly inputSize: number;
  readonly cacheDir: string;
  /** Train images per class for the curve's intermediate probes. */
  readonly curvePerClass: number;
}

export async function loadProbeData(r: ProbeDataRequest): Promise<ProbeData> {
  const manifest = await loadManifest(r.manifestFile, { generators: GENERATORS });
  const numClasses = manifest.labels.length;
  if (numClasses < 2) throw new Error(`${manifest.file}: the probe needs labelled images of at least 2 classes, found ${numClasses}`);
  const trainFiles = labelledFiles(manifest, 'train');
  let train = await loadPixelSet(trainFiles.files, trainFiles.labels, r.inputSize, join(r.cacheDir, `train-${r.inputSize}.bin`));
  let test;
  let testSource: string;
  if (r.validate) {
    const holdout = labelledFiles(manifest, 'test').files.length;
    const parts = splitPerClass(train, Math.max(1, Math.round(holdout / numClasses)), 0, 'validation');
    train = parts.rest;
    test = parts.part;
    testSource = `validation: ${test.count} images of ${manifest.file}'s train split (never the holdout)`;
  } else if (r.testManifestFile) {
    const other = await loadManifest(r.testManifestFile, { generators: GENERATORS });
    const t = externalTestFiles(manifest, other);
    test = await loadPixelSet(t.files, t.labels, r.inputSize, join(r.cacheDir, `test-manifest-${r.inputSize}.bin`));
    testSource = `test manifest ${other.file}: ${test.count} images`;
  } else {
    const t = labelledFiles(manifest, 'test');
    test = await loadPixelSet(t.files, t.labels, r.inputSize, join(r.cacheDir, `test-${r.inputSize}.bin`));
    testSource = `holdout: ${test.count} images of ${manifest.file}'s test split`;
  }
  return { train, test, numClasses, testSource, curveTrain: subsetPixels(train, perClassIndices(train.labels, r.curvePerClass, 0, 'curve')) };
}
