// Loading a data manifest: validate, build a generated corpus if needed, list the files,
// attach labels and a seeded per-class train/test split.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { IMAGE_EXTENSIONS, manifestSchema, MediaSource, ManifestSpec, VIDEO_EXTENSIONS } from './manifest-schema';
import { Rng } from '../samples';

export type Split = 'train' | 'test';

export interface MediaItem {
  /** Absolute path. */
  readonly path: string;
  readonly label?: string;
  readonly split: Split;
}

export interface ResolvedManifest {
  readonly name: string;
  /** Absolute path of the manifest file. */
  readonly file: string;
  readonly images: readonly MediaItem[];
  readonly videos: readonly MediaItem[];
  /** Distinct labels, sorted; a label's index is its class id. */
  readonly labels: readonly string[];
}

/** Builds a generated corpus into `root` (absolute) if it is not complete there yet. */
export type CorpusGenerator = (root: string) => Promise<void>;

export interface LoadManifestOptions {
  readonly generators?: Readonly<Record<string, CorpusGenerator>>;
}

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** Validates manifest JSON; the error names the file, the field path and the problem. */
export function parseManifest(json: unknown, file: string): ManifestSpec {
  const parsed = manifestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(root)';
    return `  ${path}: ${issue.message}`;
  });
  return failWith(`${file}: invalid manifest\n${problems.join('\n')}`);
}

function failWith(message: string): never {
  throw new ManifestError(message);
}

function readJson(file: string): unknown {
  if (!existsSync(file)) failWith(`${file}: manifest not found`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return failWith(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

/** statSync without throwing: a dangling link or an unreadable entry is simply not a folder. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

async function listFiles(dir: string, recursive: boolean): Promise<string[]> {
  const out: string[] = [];
  // an unreadable subfolder (a system folder's) is passed by rather than ending the listing
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EACCES' || err.code === 'EPERM') return [];
    throw err;
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) out.push(...(await listFiles(full, true)));
    } else if (entry.isFile() || entry.isSymbolicLink()) out.push(full);
  }
  return out;
}

interface Labelled {
  readonly path: string;
  readonly label?: string;
}

async function expandSource(
  source: MediaSource,
  base: string,
  allowed: readonly string[],
  where: string,
): Promise<Labelled[]> {
  if ('file' in source) {
    const path = resolve(base, source.file);
    if (!existsSync(path)) failWith(`${where}.file: ${source.file} does not exist (resolved to ${path})`);
    return [{ path, ...(source.label ? { label: source.label } : {}) }];
  }
  const dir = resolve(base, source.folder);
  if (!existsSync(dir) || !isDirectory(dir)) {
    failWith(`${where}.folder: ${source.folder} is not a folder (resolved to ${dir})`);
  }
  const exts = (source.extensions ?? allowed).map((e) => e.toLowerCase());
  const files = (await listFiles(dir, source.recursive)).filter((f) => exts.includes(extname(f).toLowerCase()));
  return files.map((path) => {
    if (source.labels !== 'subfolders') return { path };
    const rel = relative(dir, path).split(sep);
    return rel.length > 1 ? { path, label: rel[0] as string } : { path };
  });
}

/** Seeded per-class split: within each label, a fixed shuffle puts round(n * test) files in "test". */
function assignSplits(items: Labelled[], test: number, seed: number): MediaItem[] {
  const byLabel = new Map<string, number[]>();
  items.forEach((item, i) => {
    if (item.label === undefined) return;
    const list = byLabel.get(item.label) ?? [];
    list.push(i);
    byLabel.set(item.label, list);
  });
  const testSet = new Set<number>();
  for (const [label, indices] of byLabel) {
    const order = Rng.from(seed, 'split', label).shuffle([...indices]);
    const nTest = Math.round(order.length * test);
    for (const i of order.slice(0, nTest)) testSet.add(i);
  }
  return items.map((item, i) => ({ ...item, split: testSet.has(i) ? 'test' : 'train' }));
}

async function expandAll(
  sources: readonly MediaSource[],
  base: string,
  allowed: readonly string[],
  field: string,
): Promise<Labelled[]> {
  const seen = new Set<string>();
  const out: Labelled[] = [];
  for (const [i, source] of sources.entries()) {
    for (const item of await expandSource(source, base, allowed, `${field}[${i}]`)) {
      if (seen.has(item.path)) continue;
      seen.add(item.path);
      out.push(item);
    }
  }
  return out;
}

/** Loads, validates and resolves a manifest file. */
export async function loadManifest(manifestFile: string, options: LoadManifestOptions = {}): Promise<ResolvedManifest> {
  const file = resolve(manifestFile);
  const spec = parseManifest(readJson(file), file);
  const base = dirname(file);
  if (spec.generator) {
    const generate = options.generators?.[spec.generator.name];
    if (!generate) {
      failWith(`${file}: generator.name: no generator "${spec.generator.name}" is registered (run through the mtssl CLI, which registers it)`);
    }
    await generate(resolve(base, spec.generator.root));
  }
  // the field paths name the manifest file too: "<file>: images[0].folder: ..."
  const images = assignSplits(await expandAll(spec.images, base, IMAGE_EXTENSIONS, `${file}: images`), spec.split.test, spec.split.seed);
  const videos = assignSplits(await expandAll(spec.videos, base, VIDEO_EXTENSIONS, `${file}: videos`), spec.split.test, spec.split.seed);
  if (images.length + videos.length === 0) failWith(`${file}: the manifest's sources contain no image or video files`);
  const labels = [...new Set(images.map((i) => i.label).filter((l): l is string => l !== undefined))].sort();
  return { name: spec.name, file, images, videos, labels };
}
