// The fields an exemplar sample carries (docs/ARCHITECTURE.md, "Samples").
// `satisfies` holds the literal to the task's contract (@mtssl/contracts) without changing what is emitted.
import type { SampleSchemaOf } from '@mtssl/contracts';
import type { SampleSchema } from '@mtssl/core';
import type { ExemplarOptions } from './options';

export function exemplarSchema(o: Readonly<ExemplarOptions>): SampleSchema {
  const p = o.patchSize;
  return {
    task: 'exemplar',
    version: 1,
    fields: [
      { name: 'views', dtype: 'uint8', shape: [3, p, p, 3], description: 'anchor, positive (same seed), negative (another seed)' },
      { name: 'seed_ids', dtype: 'int32', shape: [2], description: 'seed id of the anchor/positive, of the negative' },
    ],
    attributes: {
      patchSize: p,
      harmonized: o.harmonize,
      resizeTo: o.resizeTo,
      seedsPerImage: o.seedsPerImage,
      augmentStrength: o.augmentStrength,
    },
  } satisfies SampleSchemaOf<'exemplar'>;
}
