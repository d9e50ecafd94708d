// Worker threads: the Piscina pool (ordered results, backpressure), pools kept across streams, moving
// buffers out of a worker and the set-up every worker module runs.
export { ownedCopy, moveOut } from './move';
export { PoolCache, acquirePool } from './pool-cache';
export { WorkerPool, POOL_DEFAULTS, resolveWorkerFile, defaultThreads } from './pool';
export { configureWorker } from './worker-init';
