import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '@mtssl/core';
import { DEFAULT_CORPUS, DefaultCorpusOptions, ensureDefaultCorpus, isCorpusComplete } from './default-corpus';

const small: DefaultCorpusOptions = {
  ...DEFAULT_CORPUS,
  imagesPerClass: 3,
  imageSize: 48,
  videos: [{ name: 'v', width: 64, height: 48, frames: 8, fps: 8, objects: 1, pan: 0 }],
};

function digest(root: string): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (name.endsWith('.json') || name.endsWith('.jpg')) h.update(name).update(readFileSync(full));
      else if (!name.includes('.')) walk(full);
    }
  };
  walk(join(root, 'images'));
  return h.digest('hex');
}

describe('default corpus', () => {
  const quiet = () => undefined;

  it('is deterministic: two builds give identical images and ground truth', async () => {
    const a = join(mkdtempSync(join(tmpdir(), 'corpus-')), 'c');
    const b = join(mkdtempSync(join(tmpdir(), 'corpus-')), 'c');
    await ensureDefaultCorpus(a, small, quiet);
    await ensureDefaultCorpus(b, small, quiet);
    expect(digest(a)).toBe(digest(b));
    expect(readFileSync(join(a, 'videos', 'v.truth.json'), 'utf8')).toBe(readFileSync(join(b, 'videos', 'v.truth.json'), 'utf8'));
    expect(existsSync(join(a, 'videos', 'v.mp4'))).toBe(true);
    expect(isCorpusComplete(a, small)).toBe(true);
    expect(isCorpusComplete(a, { ...small, seed: 1 })).toBe(false);
  });

  it('is listed by a manifest with a label per class and a video', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-m-'));
    const file = join(dir, 'm.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        name: 'd',
        generator: { name: 'default-corpus', root: 'c' },
        images: [{ folder: 'c/images', labels: 'subfolders' }],
        videos: [{ folder: 'c/videos' }],
      }),
    );
    const m = await loadManifest(file, { generators: { 'default-corpus': (root) => ensureDefaultCorpus(root, small, quiet) } });
    expect(m.labels).toEqual(['blocks', 'checks', 'discs', 'stripes']);
    expect(m.images).toHaveLength(12);
    expect(m.videos).toHaveLength(1);
  });

  it('does not rebuild a complete corpus', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'corpus-')), 'c');
    const lines: string[] = [];
    await ensureDefaultCorpus(root, small, (l) => lines.push(l));
    await ensureDefaultCorpus(root, small, (l) => lines.push(l));
    expect(lines.filter((l) => l.includes('building'))).toHaveLength(1);
  });
});
