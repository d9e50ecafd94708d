// The on-disk description of a shard set: dataset.json beside `<task>-NNNNN.tfrecord` shards, each with
// a `<task>-NNNNN.index.json`. Validated with zod on every read; errors name the file and the field.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { TASKS, type SampleSchema, type RunReportJSON } from '../samples';

export const DATASET_FORMAT = 'mtssl-tfrecord';
export const DATASET_VERSION = 1;
export const DATASET_FILE = 'dataset.json';

export function shardFileName(task: string, shard: number): string {
  return `${task}-${String(shard).padStart(5, '0')}.tfrecord`;
}

export function shardIndexFileName(shardFile: string): string {
  return shardFile.replace(/\.tfrecord$/, '.index.json');
}

const count = z.number().int().nonnegative();

const fieldSpecSchema = z.object({
  name: z.string().min(1),
  dtype: z.enum(['uint8', 'int32', 'float32']),
  shape: z.array(count),
  description: z.string().optional(),
});

export const sampleSchemaSchema = z.object({
  task: z.enum(TASKS),
  version: z.number().int(),
  fields: z.array(fieldSpecSchema),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

const runReportSchema = z.object({
  stream: z.string(),
  policy: z.enum(['skip', 'fail']),
  inputsSeen: count,
  samplesWritten: count,
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  skippedByReason: z.record(z.string(), count),
});

export const shardEntrySchema = z.object({
  file: z.string().regex(/^[^/\\]+\.tfrecord$/, 'a shard file name like "motion-00000.tfrecord"'),
  count: z.number().int().positive(),
  bytes: count,
  firstIndex: count,
  lastIndex: count,
});

export const datasetInfoSchema = z.object({
  format: z.literal(DATASET_FORMAT),
  version: z.literal(DATASET_VERSION),
  task: z.enum(TASKS),
  schema: sampleSchemaSchema,
  shards: z.array(shardEntrySchema),
  count,
  /** The next stream position to compute when the run resumes. */
  nextIndex: count,
  complete: z.boolean(),
  extras: z.record(z.string(), z.unknown()),
  report: runReportSchema.nullable(),
  meta: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});

export const shardIndexSchema = z.object({
  count,
  /** Byte offset of each record's frame in the shard. */
  offsets: z.array(count),
  /** Length of each record's data (the serialized tf.Example, without the 16 framing bytes). */
  lengths: z.array(count),
  /** Stream position of each record. */
  indices: z.array(count),
  bytes: count,
  firstIndex: count,
  lastIndex: count,
});

export type ShardEntry = z.infer<typeof shardEntrySchema>;
export type ShardIndex = z.infer<typeof shardIndexSchema>;

/** Contents of dataset.json. */
export interface DatasetInfo extends Omit<z.infer<typeof datasetInfoSchema>, 'schema' | 'report'> {
  readonly schema: SampleSchema;
  readonly report: RunReportJSON | null;
}

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

function issuePath(path: readonly PropertyKey[]): string {
  if (!path.length) return '(root)';
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Reads and validates a JSON file against a zod schema; errors name the file and each bad field. */
export async function readJsonFile<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DatasetError(code === 'ENOENT' ? `${file}: ${what} not found` : `${file}: cannot read ${what} (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DatasetError(`${file}: ${what} is not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${issuePath(issue.path)}: ${issue.message}`);
  throw new DatasetError(`${file}: invalid ${what}\n${problems.join('\n')}`);
}

export function readDatasetInfo(dir: string): Promise<DatasetInfo> {
  return readJsonFile(join(dir, DATASET_FILE), datasetInfoSchema, DATASET_FILE) as Promise<DatasetInfo>;
}

export function readShardIndex(dir: string, shardFile: string): Promise<ShardIndex> {
  return readJsonFile(join(dir, shardIndexFileName(shardFile)), shardIndexSchema, 'shard index');
}
