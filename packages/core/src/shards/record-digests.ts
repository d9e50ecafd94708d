// One sha256 a record, in dataset order: two datasets hold the same samples exactly when their lists are
// equal (a merged fan-out against one whole run, a resumed run against an uninterrupted one).
import { createHash } from 'node:crypto';
import { openDataset } from './dataset-reader';

/** sha256 of each record: its stream position, then each field's bytes in schema order. */
export async function datasetRecordDigests(dir: string): Promise<string[]> {
  const ds = await openDataset(dir);
  const out: string[] = [];
  try {
    for await (const { index, sample } of ds.samples()) {
      const hash = createHash('sha256').update(`${index}`);
      for (const field of ds.schema.fields) {
        const a = sample[field.name];
        if (a) hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      }
      out.push(hash.digest('hex'));
    }
  } finally {
    await ds.close();
  }
  return out;
}
