// The fields a motion sample carries (docs/ARCHITECTURE.md, "Samples"); `satisfies` holds the literal to the
// task's contract (@mtssl/contracts) without changing what is emitted.
import type { SampleSchemaOf } from '@mtssl/contracts';
import type { SampleSchema } from '@mtssl/core';
import type { MotionOptions } from './options';

export const MOTION_SCHEMA_VERSION = 1;

export function motionSchema(o: Readonly<MotionOptions>): SampleSchema {
  return {
    task: 'motion',
    version: MOTION_SCHEMA_VERSION,
    fields: [
      { name: 'frame', dtype: 'uint8', shape: [o.height, o.width, 3], description: o.harmonize ? 'Lab L replicated to 3 channels' : 'RGB video frame' },
      { name: 'mask', dtype: 'uint8', shape: [o.height, o.width], description: '1 = will move in the following frames' },
    ],
    attributes: { height: o.height, width: o.width, harmonized: o.harmonize },
  } satisfies SampleSchemaOf<'motion'>;
}
