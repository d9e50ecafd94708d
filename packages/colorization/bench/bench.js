// Colorization stream throughput: samples/s for 1 and 2 worker threads, and peak RSS.
// Build first (npx tsc -b packages/colorization/tsconfig.json), then:
//   node packages/colorization/bench/bench.js [samples=400] [preset=cpu]
// Uses /work/shared/data/flowers (or $FLOWERS) when present, else generated JPEGs in a temp dir.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sharp = require('sharp');
const { colorizationStream } = require('../dist/index.js');

const total = Number(process.argv[2] ?? 400);
const preset = process.argv[3] ?? 'cpu';
const flowers = process.env.FLOWERS ?? path.resolve(__dirname, '../../../../shared/data/flowers');

function listJpegs(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJpegs(full));
    else if (/\.jpe?g$/i.test(entry.name)) out.push(full);
  }
  return out;
}

async function generated(n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'colorization-bench-'));
  const files = [];
  for (let i = 0; i < n; i++) {
    const w = 256, h = 192, raw = Buffer.alloc(w * h * 3);
    for (let p = 0; p < w * h; p++) raw.set([(p * 7 + i * 31) % 256, (p % w) % 256, ((p / w) * 3 + i) % 256], p * 3);
    const file = path.join(dir, `img${i}.jpg`);
    await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().toFile(file);
    files.push(file);
  }
  return { files, dir };
}

async function run(manifest, options, threads) {
  const stream = colorizationStream.open(manifest, options, { seed: 1, threads, policy: 'skip', total });
  const start = process.hrtime.bigint();
  let samples = 0;
  for await (const _ of stream) samples++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { samples, seconds, skipped: stream.report.toJSON().skippedByReason };
}

async function main() {
  const real = fs.existsSync(flowers);
  const { files, dir } = real ? { files: listJpegs(flowers) } : await generated(64);
  const manifest = { name: 'bench', file: '', images: files.map((p) => ({ path: p, split: 'train' })), videos: [], labels: [] };
  const options = colorizationStream.resolveOptions(colorizationStream.presets[preset]);
  console.log(`colorization bench: ${real ? `flowers (${files.length} images)` : 'generated 256x192 JPEGs'}, preset ${preset} ` +
    `(input ${options.inputSize}, target ${options.targetSize}x${options.targetSize}x${options.softK}), ${total} positions, ${os.cpus().length} cores`);
  for (const threads of [1, 2]) {
    const r = await run(manifest, options, threads);
    console.log(`  threads ${threads}: ${r.samples} samples in ${r.seconds.toFixed(2)} s = ${(r.samples / r.seconds).toFixed(1)} samples/s, skipped ${JSON.stringify(r.skipped)}`);
  }
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
