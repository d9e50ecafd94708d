// `mtssl manifest`: the pipeline's makeManifest (a data manifest for a folder of images and/or videos).
import { z } from 'zod';
import { makeManifest, MANIFEST_DEFAULTS, MANIFEST_LABELS } from '@mtssl/pipeline';
import { defineCommand } from './command';
import { stringFlag } from './flags';

export const MANIFEST_FLAGS = {
  folder: stringFlag(z.string({ message: 'is required: the folder of images and/or videos' })),
  out: stringFlag(z.string({ message: 'is required: where to write the manifest JSON' })),
  name: stringFlag(z.string().optional()),
  labels: stringFlag(z.enum(MANIFEST_LABELS).default(MANIFEST_DEFAULTS.labels), 'auto (default: subfolder names when images sit in subfolders) | none | subfolders'),
  test: stringFlag(
    z
      .string()
      .transform(Number)
      .refine((n) => n > 0 && n < 1, { message: 'must be a fraction in (0, 1)' })
      .default(MANIFEST_DEFAULTS.test),
    'fraction of each class held out for evaluation (default 0.2)',
  ),
} as const;

export const MANIFEST_COMMAND = defineCommand({
  name: 'manifest',
  summary: 'write a data manifest for a folder of images and/or videos',
  usage: 'mtssl manifest --folder <dir> --out <file.json> [options]',
  flags: MANIFEST_FLAGS,
  run: (a, _signal, log) => makeManifest({ folder: a.folder, out: a.out, name: a.name || undefined, labels: a.labels, test: a.test }, log),
});
