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

/** Rejects manifests a probe cannot run on, naming the manifest and what is missing. */
export function checkProbeManifest(manifest: ResolvedManifest): void {
  if (manifest.labels.length < 2) {
    throw new Error(`${manifest.file}: a linear probe needs labelled images of at least 2 classes, found ${manifest.labels.length} (label images with labels: "subfolders")`);
  }
  for (const split of ['train', 'test'] as const) {
    if (labelledFiles(manifest, split).files.length === 0) {
      throw new Error(`${manifest.file}: no labelled images in the ${split} split (check split.test)`);
    }
  }
}
