// Datasets on disk: dataset.json and shard indexes, writing (atomic, resumable), reading, fan-out merging.
export { fsyncDir, writeFileAtomic } from './atomic-write';
export { DatasetError, readDatasetInfo } from './dataset-format';
export {
  type PartSpec, type PartRange, parsePartSpec, partRange, partDir, partCounts, mergeDatasetParts,
} from './dataset-merge';
export { Dataset, openDataset, isDatasetComplete } from './dataset-reader';
export { DatasetWriter, updateDatasetExtras } from './dataset-writer';
export { writeStreamShards } from './write-stream';
export { datasetRecordDigests } from './record-digests';
