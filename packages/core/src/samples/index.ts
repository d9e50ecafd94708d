// What a sample is and how it is made: task names, sample schemas and their checks, the seeded RNG
// (sample k depends on seed, task and k only), and the bad-input policy with its run report.
export {
  BAD_INPUT_POLICIES, type BadInputPolicy, BadInputError, type SkippedInput, type RunReportJSON, RunReport,
  combineReports,
} from './bad-input';
export { type RngState, Rng, sampleRng } from './rng';
export { schemaDifference } from './schema-diff';
export {
  type FieldDType, type FieldSpec, type SampleSchema, type FieldArray, type Sample, elementCount, arrayForDType,
  checkSample, findField,
} from './schema';
export { TASKS, type TaskName, isTaskName } from './task';
