// A finished dataset's preview sheet: its first samples drawn by the task's stream.
import { openDataset, StreamItem } from '@mtssl/core';
import type { AnyStream } from './registry';

/** Writes the sheet of the first `count` samples to `file`; undefined when there is nothing to draw. */
export async function writePreview(stream: AnyStream, options: Readonly<object>, dir: string, count: number, file: string): Promise<string | undefined> {
  if (count === 0) return undefined;
  const dataset = await openDataset(dir);
  const items: StreamItem[] = [];
  try {
    for await (const item of dataset.samples({ end: Math.min(count, dataset.count) })) items.push(item);
  } finally {
    await dataset.close();
  }
  if (items.length === 0) return undefined;
  await stream.preview(items, file, options);
  return file;
}
