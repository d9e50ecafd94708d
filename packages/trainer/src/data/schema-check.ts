// Checks each dataset's schema against what the network expects, before the first batch, so a
// mismatch fails with the task, the field and the fix instead of a shape error deep in a step.
import { SampleSchema, TaskName } from '@mtssl/core';
import { ModelOptions } from '../model/config';
import { TASK_SPECS } from '../tasks';
import { SchemaMismatchError } from './schema-rules';

export { SchemaMismatchError } from './schema-rules';

/** Throws SchemaMismatchError naming the task, the field and the mismatch. */
export function checkDatasetSchema(task: TaskName, schema: SampleSchema, model: ModelOptions): void {
  if (schema.task !== task) throw new SchemaMismatchError(`${task}: the dataset given for ${task} holds ${schema.task} samples`);
  TASK_SPECS[task].checkSchema(schema, model);
}
