// TFRecord framing (CRC32C) and the tf.Example encoding of one sample. Internal to core: shards/ uses it,
// the package entry does not export it.
export { RECORD_OVERHEAD, ShardError, frameRecord, RecordFileReader, readRecords } from './record-io';
export { encodeExample, decodeExample } from './tf-example';
