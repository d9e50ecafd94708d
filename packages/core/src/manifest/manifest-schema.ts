// The data-manifest JSON format, validated with zod. Paths are relative to the manifest file.
import { z } from 'zod';

const extensions = z.array(z.string().regex(/^\.[A-Za-z0-9]+$/, 'an extension like ".jpg"')).min(1);

const folderSource = z
  .object({
    folder: z.string().min(1),
    recursive: z.boolean().default(true),
    extensions: extensions.optional(),
    /** "subfolders": each file's label is the name of its first-level subfolder under `folder`. */
    labels: z.enum(['none', 'subfolders']).default('none'),
  })
  .strict();

const fileSource = z
  .object({
    file: z.string().min(1),
    label: z.string().min(1).optional(),
  })
  .strict();

type FolderSource = z.infer<typeof folderSource>;
type FileSource = z.infer<typeof fileSource>;

/**
 * A folder source or a file source, told apart by their key (`file` or not) so that an error names the
 * field and the expected type (`videos[0].recursive: expected boolean`) instead of "Invalid input".
 */
export const mediaSourceSchema = z.unknown().transform((value, ctx): FolderSource | FileSource => {
  const schema = typeof value === 'object' && value !== null && 'file' in value ? fileSource : folderSource;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

export const manifestSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
    description: z.string().optional(),
    images: z.array(mediaSourceSchema).default([]),
    videos: z.array(mediaSourceSchema).default([]),
    /** A registered generator that builds the files under `root` on first use (the embedded corpus). */
    generator: z.object({ name: z.string().min(1), root: z.string().min(1) }).strict().optional(),
    /** Seeded per-class split of labelled images; unlabelled images are all "train". */
    split: z
      .object({
        test: z.number().gt(0).lt(1).default(0.2),
        seed: z.number().int().nonnegative().default(0),
      })
      .strict()
      .default({ test: 0.2, seed: 0 }),
  })
  .strict()
  .refine((m) => m.images.length + m.videos.length > 0, { message: 'lists no images and no videos' });

export type ManifestSpec = z.infer<typeof manifestSchema>;
export type MediaSource = z.infer<typeof mediaSourceSchema>;

export const IMAGE_EXTENSIONS = Object.freeze(['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.gif', '.bmp']);
export const VIDEO_EXTENSIONS = Object.freeze(['.mp4', '.avi', '.mkv', '.mov', '.webm', '.m4v', '.mpg', '.mpeg']);
