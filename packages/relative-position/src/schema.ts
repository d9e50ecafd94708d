// The fields a relative-position sample carries (docs/ARCHITECTURE.md, "Samples").
// `satisfies` holds the literal to the task's contract (@mtssl/contracts) without changing what is emitted.
import type { SampleSchemaOf } from '@mtssl/contracts';
import type { SampleSchema } from '@mtssl/core';
import type { RelativePositionOptions } from './options';

export function relativePositionSchema(o: Readonly<RelativePositionOptions>): SampleSchema {
  const p = o.patchSize;
  return {
    task: 'relative-position',
    version: 1,
    fields: [
      { name: 'patches', dtype: 'uint8', shape: [2, p, p, 3], description: '0 = centre patch, 1 = neighbour patch' },
      {
        name: 'label',
        dtype: 'int32',
        shape: [1],
        description: 'neighbour position: 0 TL, 1 T, 2 TR, 3 L, 4 R, 5 BL, 6 B, 7 BR',
      },
    ],
    attributes: { patchSize: p, harmonized: o.harmonize, gap: o.gap, jitter: o.jitter, chromaGuard: o.chromaGuard },
  } satisfies SampleSchemaOf<'relative-position'>;
}
