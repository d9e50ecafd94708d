// The embedded default corpus: built deterministically on first use, without any download,
// into a git-ignored cache. data-manifests/default.json points at it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { encodeMp4, renderVideo, VideoSpec } from './corpus-videos';
import { IMAGE_CLASSES, renderImage } from './corpus-images';

/** Bump when the generated content changes, so stale caches are rebuilt. */
export const CORPUS_VERSION = 1;

export interface DefaultCorpusOptions {
  readonly seed: number;
  readonly imagesPerClass: number;
  readonly imageSize: number;
  readonly videos: readonly VideoSpec[];
}

const video = (name: string, objects: number, pan: number): VideoSpec =>
  Object.freeze({ name, width: 160, height: 120, frames: 60, fps: 12, objects, pan });

export const DEFAULT_CORPUS = Object.freeze<DefaultCorpusOptions>({
  seed: 2017,
  imagesPerClass: 60,
  imageSize: 128,
  videos: [video('street-1', 2, 0), video('street-2', 3, 0), video('street-3', 1, 0), video('street-4', 2, 0), video('pan-1', 2, 1.5)],
});

interface Marker {
  readonly version: number;
  readonly options: DefaultCorpusOptions;
  readonly images: number;
  readonly videos: number;
}

function markerFile(root: string): string {
  return join(root, '.complete.json');
}

export function isCorpusComplete(root: string, options: DefaultCorpusOptions = DEFAULT_CORPUS): boolean {
  if (!existsSync(markerFile(root))) return false;
  try {
    const marker = JSON.parse(readFileSync(markerFile(root), 'utf8')) as Marker;
    return marker.version === CORPUS_VERSION && JSON.stringify(marker.options) === JSON.stringify(options);
  } catch {
    return false;
  }
}

async function writeImages(dir: string, o: DefaultCorpusOptions): Promise<number> {
  let count = 0;
  for (const cls of IMAGE_CLASSES) {
    mkdirSync(join(dir, cls), { recursive: true });
    for (let i = 0; i < o.imagesPerClass; i++) {
      const r = renderImage(o.seed, cls, i, o.imageSize);
      const file = join(dir, cls, `${cls}-${String(i).padStart(3, '0')}.jpg`);
      await sharp(r.data, { raw: { width: r.width, height: r.height, channels: 3 } }).jpeg({ quality: 92 }).toFile(file);
      count++;
    }
  }
  return count;
}

async function writeVideos(dir: string, o: DefaultCorpusOptions): Promise<number> {
  mkdirSync(dir, { recursive: true });
  for (const spec of o.videos) {
    const { frames, truth } = renderVideo(o.seed, spec);
    await encodeMp4(join(dir, `${spec.name}.mp4`), frames, spec.width, spec.height, spec.fps);
    writeFileSync(join(dir, `${spec.name}.truth.json`), JSON.stringify({ spec, frames: truth }));
  }
  return o.videos.length;
}

/**
 * Builds the corpus into `root` unless a complete one of this version is there. Builds into a
 * sibling folder and renames it into place, so an interrupted build never looks complete.
 */
export async function ensureDefaultCorpus(
  root: string,
  options: DefaultCorpusOptions = DEFAULT_CORPUS,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<void> {
  if (isCorpusComplete(root, options)) return;
  const started = Date.now();
  log(`default corpus: building ${options.imagesPerClass * IMAGE_CLASSES.length} images and ${options.videos.length} videos in ${root} (first use only)`);
  const partial = `${root}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    const images = await writeImages(join(partial, 'images'), options);
    const videos = await writeVideos(join(partial, 'videos'), options);
    const marker: Marker = { version: CORPUS_VERSION, options, images, videos };
    writeFileSync(markerFile(partial), JSON.stringify(marker, null, 2));
    mkdirSync(dirname(root), { recursive: true });
    rmSync(root, { recursive: true, force: true });
    renameSync(partial, root);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
  log(`default corpus: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
