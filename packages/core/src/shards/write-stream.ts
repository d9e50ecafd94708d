// Drives a sample stream into a DatasetWriter: the glue behind `preprocess`.
import type { DatasetInfo } from './dataset-format';
import type { DatasetWriter } from './dataset-writer';
import type { SampleStream } from '../streams';
import { combineReports, type RunReportJSON } from '../samples';

export interface WriteStreamOptions {
  /** Stops between samples; finished shards stay on disk and the abort reason is rethrown. */
  readonly signal?: AbortSignal;
  /**
   * The report of positions written before; by default the writer's stored report when it resumed (an
   * interrupted or grown dataset), so the finished report covers the whole dataset.
   */
  readonly priorReport?: RunReportJSON | null;
}


function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error(`aborted: ${String(signal.reason)}`);
}

/**
 * Writes every item of `stream`, then finishes the dataset with the stream's report, whose
 * samplesWritten is set to the samples this call wrote. On error or abort the shard in progress is
 * dropped, finished shards stay (a later open resumes after them), and the error is rethrown.
 */
export async function writeStreamShards(stream: SampleStream, writer: DatasetWriter, options: WriteStreamOptions = {}): Promise<DatasetInfo> {
  const { signal } = options;
  const prior = options.priorReport !== undefined ? options.priorReport : writer.resumeIndex > 0 ? writer.info.report : null;
  let written = 0;
  // stored with every finished shard, so a run killed later still leaves the report of what it wrote
  const withPrior = (report: RunReportJSON): RunReportJSON => combineReports([report, prior]) ?? report;
  writer.reportAtShard = () => withPrior({ ...stream.report.toJSON(), samplesWritten: written + 1 });
  try {
    if (signal?.aborted) throw abortReason(signal);
    for await (const item of stream) {
      await writer.write(item);
      written++;
      if (signal?.aborted) throw abortReason(signal);
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  writer.reportAtShard = undefined;
  stream.report.samplesWritten = written;
  return writer.finish({ report: withPrior(stream.report.toJSON()) });
}
