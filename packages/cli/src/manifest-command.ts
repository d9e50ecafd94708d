import { z } from 'zod';
import { manifestFromFolder } from '@mtssl/core';
import { parseFlags } from './args';

export const MANIFEST_FLAGS = {
  folder: { type: 'string' },
  out: { type: 'string' },
  name: { type: 'string' },
  labels: { type: 'string' },
  test: { type: 'string' },
} as const;

const schema = z
  .object({
    folder: z.string({ message: 'is required: the folder of images and/or videos' }),
    out: z.string({ message: 'is required: where to write the manifest JSON' }),
    name: z.string().optional(),
    labels: z.enum(['auto', 'none', 'subfolders']).default('auto'),
    test: z
      .string()
      .transform(Number)
      .refine((n) => n > 0 && n < 1, { message: 'must be a fraction in (0, 1)' })
      .default(0.2),
  })
  .strict();

export async function makeManifest(argv: readonly string[], log: (line: string) => void): Promise<void> {
  const a = parseFlags(argv, MANIFEST_FLAGS, schema, 'manifest');
  const m = await manifestFromFolder(a.folder, a.out, { labels: a.labels, test: a.test, ...(a.name ? { name: a.name } : {}) });
  log(`manifest ${a.out}: ${m.images.length} images${m.labels.length ? ` in ${m.labels.length} classes (${m.labels.join(', ')})` : ''}, ${m.videos.length} videos`);
}
