// `makeManifest`: a data manifest for a folder of images and/or videos (labels from subfolders, a
// seeded per-class test split), with a one-line summary.
import { manifestFromFolder, OptionError, requireOneOf } from '@mtssl/core';
import { optionalText, requireText, withDefaults } from './options';

export const MANIFEST_LABELS = ['auto', 'none', 'subfolders'] as const;

export interface ManifestOptions {
  /** The folder of images and/or videos. */
  readonly folder: string;
  /** Where to write the manifest JSON. */
  readonly out: string;
  /** The manifest's name; undefined: the folder's. */
  readonly name: string | undefined;
  /** `auto`: subfolder names when images sit in subfolders. */
  readonly labels: (typeof MANIFEST_LABELS)[number];
  /** Fraction of each class held out for evaluation. */
  readonly test: number;
}

export const MANIFEST_DEFAULTS: Readonly<Omit<ManifestOptions, 'folder' | 'out'>> = Object.freeze({ name: undefined, labels: 'auto', test: 0.2 });

export async function makeManifest(given: Partial<ManifestOptions> & Pick<ManifestOptions, 'folder' | 'out'>, log: (line: string) => void): Promise<void> {
  const o = withDefaults<ManifestOptions>('manifest', { ...MANIFEST_DEFAULTS, folder: '', out: '' }, given);
  requireText('folder', o.folder);
  requireText('out', o.out);
  optionalText('name', o.name);
  requireOneOf('labels', o.labels, MANIFEST_LABELS);
  if (typeof o.test !== 'number' || !(o.test > 0 && o.test < 1)) throw new OptionError(`test must be a fraction in (0, 1), got ${String(o.test)}`);
  const m = await manifestFromFolder(o.folder, o.out, { labels: o.labels, test: o.test, ...(o.name ? { name: o.name } : {}) });
  log(`manifest ${o.out}: ${m.images.length} images${m.labels.length ? ` in ${m.labels.length} classes (${m.labels.join(', ')})` : ''}, ${m.videos.length} videos`);
}
