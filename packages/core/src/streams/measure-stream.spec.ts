import { RunReport } from '../samples';
import { imageManifest } from './bench-images';
import { measureStream, OpensStream } from './measure-stream';
import type { SampleStream, StreamContext, StreamItem } from './stream';

interface CountingStream extends SampleStream {
  readonly context: StreamContext;
}

// A stream that yields `total` one-byte samples and remembers how it was opened.
const fake: OpensStream<{ readonly skipEvery: number }, CountingStream> = {
  open(_manifest, options, context) {
    const report = new RunReport('exemplar', context.policy);
    async function* items(): AsyncGenerator<StreamItem> {
      for (let k = 0; k < context.total; k++) {
        if (k % options.skipEvery === 0) {
          report.badInput(`f${k}`, 'corrupt image: fake');
          continue;
        }
        report.samplesWritten++;
        yield { index: k, sample: { x: Uint8Array.of(k & 255) } };
      }
    }
    return { schema: { task: 'exemplar', version: 1, fields: [] }, report, context, [Symbol.asyncIterator]: items };
  },
};

describe('measureStream', () => {
  it('runs once per thread count and reports throughput and peak RSS', async () => {
    const m = await measureStream(fake, imageManifest(['a.jpg']), { skipEvery: 5 }, { threads: [1, 2], total: 20, seed: 3, warmup: 4 });
    expect(m.runs.map((r) => r.threads)).toEqual([1, 2]);
    for (const r of m.runs) {
      expect(r.samples).toBe(16);
      expect(r.seconds).toBeGreaterThan(0);
      expect(r.samplesPerSecond).toBeCloseTo(r.samples / r.seconds);
      expect(r.report).toMatchObject({ samplesWritten: 16, skippedByReason: { 'corrupt image': 4 } });
      expect(r.stream.context).toMatchObject({ seed: 3, policy: 'skip', total: 20, threads: r.threads });
    }
    expect(m.peakRssMiB).toBeGreaterThan(1);
  });
});
