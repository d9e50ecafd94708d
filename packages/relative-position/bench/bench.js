// Throughput of the stream: samples/s for 1 and 2 worker threads and the process's peak RSS.
// Run after the build: node packages/relative-position/bench/bench.js [samples] [preset]
'use strict';
const { join } = require('node:path');
const { benchImages, imageManifest, measureStream } = require('@mtssl/core');
const { relativePositionStream: stream } = require('../dist/index.js');

(async () => {
  const total = Number(process.argv[2] || 400);
  const preset = process.argv[3] || 'cpu';
  const options = stream.resolveOptions(stream.presets[preset]);
  const fill = (raw, i) => { for (let j = 0; j < raw.length; j++) raw[j] = (j * 7 + i * 13 + (j >> 9)) & 255; };
  const input = await benchImages({ dir: join(__dirname, '../../../../shared/data/flowers'), perFolder: 100, generate: { count: 64, width: 256, height: 192, fill } });
  process.on('exit', () => input.dispose());
  const source = input.generated ? `generated (${input.files.length} JPEGs 256x192)` : `flowers (${input.files.length} JPEGs, short side 192)`;
  console.log(`${stream.task} bench, preset ${preset}, ${total} samples, input: ${source}`);
  const m = await measureStream(stream, imageManifest(input.files), options, { threads: [1, 2], total, seed: 1, warmup: 8 });
  for (const r of m.runs) {
    console.log(`  threads ${r.threads}: ${r.samplesPerSecond.toFixed(1)} samples/s (${r.samples} samples in ${r.seconds.toFixed(2)} s, ${r.report.skipped.length} files skipped)`);
  }
  console.log(`  peak RSS of the main process: ${m.peakRssMiB.toFixed(0)} MiB (workers are threads of it)`);
})();
