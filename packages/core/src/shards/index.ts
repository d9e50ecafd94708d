// Datasets on disk: dataset.json and shard indexes, writing (atomic, resumable), reading, fan-out merging.
export { fsyncDir, writeFileAtomic } from './atomic-write';
export { DatasetError, readDatasetInfo, type DatasetInfo } from './dataset-format';
export { LOCK_FILE } from './dataset-lock';
export {
  type PartSpec, type PartRange, parsePartSpec, partRange, partDir, partCounts, mergeDatasetParts,
} from './dataset-merge';
export { Dataset, openDataset, isDatasetComplete } from './dataset-reader';
export { DatasetWriter, updateDatasetExtras } from './dataset-writer';
export { writeStreamShards } from './write-stream';
export { datasetRecordDigests } from './record-digests';
