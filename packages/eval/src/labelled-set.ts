// The labelled images of a resolved manifest, grouped by split, with class ids from the
// manifest's sorted label list.
import type { ResolvedManifest, Split } from '@mtssl/core';

export interface LabelledFiles {
  readonly files: readonly string[];
  readonly labels: Int32Array;
}

export function labelledFiles(manifest: ResolvedManifest, split: Split): LabelledFiles {
  const index = new Map(manifest.labels.map((label, i) => [label, i] as const));
  const items = manifest.images.filter((item) => item.label !== undefined && item.split === split);
  return {
    files: items.map((item) => item.path),
    labels: Int32Array.from(items.map((item) => index.get(item.label as string) as number)),
  };
}

/**
 * Every labelled image of `test`, whatever its split, with class ids from `main`'s label list:
 * a test set kept apart (e.g. CIFAR-10's official test half) has no split of its own, and its
 * class ids must mean what they mean to the probe trained on `main`.
 */
export function externalTestFiles(main: ResolvedManifest, test: ResolvedManifest): LabelledFiles {
  const index = new Map(main.labels.map((label, i) => [label, i] as const));
  const items = test.images.filter((item) => item.label !== undefined);
  const labels = new Int32Array(items.length);
  items.forEach((item, i) => {
    const id = index.get(item.label as string);
    if (id === undefined) {
      throw new Error(`${test.file}: label ${JSON.stringify(item.label)} is not a class of ${main.file} (test labels must be a subset of the train manifest's)`);
    }
    labels[i] = id;
  });
  if (items.length === 0) throw new Error(`${test.file}: no labelled images to test on (label images with labels: "subfolders")`);
  // Training on an image and then testing on it would inflate every score without any warning.
  const trainFiles = new Set(labelledFiles(main, 'train').files);
  const shared = items.filter((item) => trainFiles.has(item.path));
  if (shared.length > 0) {
    throw new Error(`${test.file}: ${shared.length} test images are also in the train split of ${main.file}, e.g. ${shared[0]?.path}`);
  }
  return { files: items.map((item) => item.path), labels };
}

/** Rejects manifests a probe cannot run on, naming the manifest and what is missing. */
export function checkProbeManifest(manifest: ResolvedManifest, splits: readonly Split[] = ['train', 'test']): void {
  if (manifest.labels.length < 2) {
    throw new Error(`${manifest.file}: a linear probe needs labelled images of at least 2 classes, found ${manifest.labels.length} (label images with labels: "subfolders")`);
  }
  for (const split of splits) {
    if (labelledFiles(manifest, split).files.length === 0) {
      throw new Error(`${manifest.file}: no labelled images in the ${split} split (check split.test)`);
    }
  }
}
