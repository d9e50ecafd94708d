export * from './validate';
export * from './task';
export * from './schema';
export * from './rng';
export * from './bad-input';
export * from './pool';
export * from './move';
export * from './worker-init';
