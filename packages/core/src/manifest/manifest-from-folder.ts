// Making a manifest from a folder: images and videos found under it, labels from subfolders
// when every file sits in one, paths written relative to the manifest's own location.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { IMAGE_EXTENSIONS, ManifestSpec, VIDEO_EXTENSIONS } from './manifest-schema';
import { loadManifest, ManifestError, ResolvedManifest } from './manifest';

export interface ManifestFromFolderOptions {
  readonly name?: string;
  /** 'auto': label by subfolder when the images all sit one level down in subfolders. */
  readonly labels?: 'auto' | 'none' | 'subfolders';
  readonly test?: number;
  readonly seed?: number;
}

/** The scan never stops on one entry: a dangling link, an unreadable folder or a device file is passed by. */
function kindOf(path: string): 'dir' | 'file' | 'other' {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function hasMediaDirectly(dir: string, exts: readonly string[]): boolean {
  return entries(dir).some((n) => exts.includes(extname(n).toLowerCase()) && kindOf(join(dir, n)) === 'file');
}

function containsAny(dir: string, exts: readonly string[]): boolean {
  for (const name of entries(dir)) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    const kind = kindOf(full);
    if (kind === 'dir' ? containsAny(full, exts) : kind === 'file' && exts.includes(extname(name).toLowerCase())) return true;
  }
  return false;
}

function safeName(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return s || 'data';
}

/** Writes a manifest for `folder` to `outFile`, then loads it back (so the result is known valid). */
export async function manifestFromFolder(folder: string, outFile: string, options: ManifestFromFolderOptions = {}): Promise<ResolvedManifest> {
  const dir = resolve(folder);
  if (!existsSync(dir) || kindOf(dir) !== 'dir') throw new ManifestError(`${folder}: not a folder`);
  const hasImages = containsAny(dir, IMAGE_EXTENSIONS);
  const hasVideos = containsAny(dir, VIDEO_EXTENSIONS);
  if (!hasImages && !hasVideos) throw new ManifestError(`${folder}: contains no image or video files`);
  const labelMode = options.labels ?? 'auto';
  const bySubfolder = labelMode === 'subfolders' || (labelMode === 'auto' && hasImages && !hasMediaDirectly(dir, IMAGE_EXTENSIONS));
  const rel = relative(dirname(resolve(outFile)), dir) || '.';
  const spec: ManifestSpec = {
    version: 1,
    name: options.name ?? safeName(basename(dir)),
    images: hasImages ? [{ folder: rel, recursive: true, labels: bySubfolder ? 'subfolders' : 'none' }] : [],
    videos: hasVideos ? [{ folder: rel, recursive: true, labels: 'none' }] : [],
    split: { test: options.test ?? 0.2, seed: options.seed ?? 0 },
  };
  mkdirSync(dirname(resolve(outFile)), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(spec, null, 2)}\n`);
  return loadManifest(outFile);
}
