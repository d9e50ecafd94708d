// Option validation: one message format for every bad option (`patchSize must be a positive integer, got -3`).
export {
  OptionError, requirePositiveInt, requireNonNegativeInt, requireNumberInRange, requireIntInRange, requireOneOf,
  requireBoolean, rejectUnknownKeys,
} from './validate';
