// Drives a sample stream into a DatasetWriter: the glue behind `preprocess`.
import type { DatasetInfo } from './dataset-format';
import type { DatasetWriter } from './dataset-writer';
import type { SampleStream } from './stream';
import type { RunReportJSON } from './bad-input';

export interface WriteStreamOptions {
  /** Stops between samples; finished shards stay on disk and the abort reason is rethrown. */
  readonly signal?: AbortSignal;
  /** The report of positions written before (a dataset being grown): the finished report adds it in. */
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
  let written = 0;
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
  stream.report.samplesWritten = written;
  if (options.priorReport) stream.report.merge(options.priorReport);
  return writer.finish({ report: stream.report.toJSON() });
}
