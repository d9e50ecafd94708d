// Colorization stream throughput: samples/s for 1 and 2 worker threads, and peak RSS.
// Build first (npx tsc -b packages/colorization/tsconfig.json), then:
//   node packages/colorization/bench/bench.js [samples=400] [preset=cpu]
// Uses /work/shared/data/flowers (or $FLOWERS) when present, else generated JPEGs in a temp dir.
'use strict';
const os = require('node:os');
const path = require('node:path');
const { benchImages, imageManifest, measureStream } = require('@mtssl/core');
const { colorizationStream } = require('../dist/index.js');

const total = Number(process.argv[2] ?? 400);
const preset = process.argv[3] ?? 'cpu';
const flowers = process.env.FLOWERS ?? path.resolve(__dirname, '../../../../shared/data/flowers');

function fill(raw, i) {
  const w = 256;
  for (let p = 0; p < raw.length / 3; p++) raw.set([(p * 7 + i * 31) % 256, (p % w) % 256, ((p / w) * 3 + i) % 256], p * 3);
}

async function main() {
  const input = await benchImages({ dir: flowers, generate: { count: 64, width: 256, height: 192, fill } });
  const options = colorizationStream.resolveOptions(colorizationStream.presets[preset]);
  console.log(`colorization bench: ${input.generated ? 'generated 256x192 JPEGs' : `flowers (${input.files.length} images)`}, preset ${preset} ` +
    `(input ${options.inputSize}, target ${options.targetSize}x${options.targetSize}x${options.softK}), ${total} positions, ${os.cpus().length} cores`);
  const m = await measureStream(colorizationStream, imageManifest(input.files), options, { threads: [1, 2], total, seed: 1 });
  for (const r of m.runs) {
    console.log(`  threads ${r.threads}: ${r.samples} samples in ${r.seconds.toFixed(2)} s = ${r.samplesPerSecond.toFixed(1)} samples/s, skipped ${JSON.stringify(r.report.skippedByReason)}`);
  }
  console.log(`  peak RSS ${m.peakRssMiB.toFixed(0)} MiB`);
  input.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
