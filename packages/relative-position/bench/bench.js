// Throughput of the stream: samples/s for 1 and 2 worker threads and the process's peak RSS.
// Run after the build: node packages/<pkg>/bench/bench.js [samples] [preset]
'use strict';
const { existsSync, mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const sharp = require('sharp');

const pkg = 'relative-position';
const exported = require(`../../${pkg}/dist/index.js`);
const stream = exported.relativePositionStream || exported.exemplarStream;
const FLOWERS = join(__dirname, '../../../../shared/data/flowers');

async function images() {
  if (existsSync(FLOWERS)) {
    const files = [];
    for (const cls of readdirSync(FLOWERS).sort()) {
      const dir = join(FLOWERS, cls);
      if (!existsSync(dir) || cls.includes('.')) continue;
      for (const f of readdirSync(dir).sort().slice(0, 100)) files.push(join(dir, f));
    }
    return { files, source: `flowers (${files.length} JPEGs, short side 192)` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const files = [];
  for (let i = 0; i < 64; i++) {
    const raw = Buffer.alloc(256 * 192 * 3);
    for (let j = 0; j < raw.length; j++) raw[j] = (j * 7 + i * 13 + (j >> 9)) & 255;
    const file = join(dir, `g${i}.jpg`);
    await sharp(raw, { raw: { width: 256, height: 192, channels: 3 } }).jpeg().toFile(file);
    files.push(file);
  }
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return { files, source: `generated (${files.length} JPEGs 256x192)` };
}

async function run(files, options, threads, total) {
  const manifest = { name: 'bench', file: '/bench', images: files.map((path) => ({ path, split: 'train' })), videos: [], labels: [] };
  const s = stream.open(manifest, options, { seed: 1, threads, policy: 'skip', total });
  const t0 = process.hrtime.bigint();
  let n = 0;
  for await (const _ of s) n++;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { n, seconds, skipped: s.report.skipped.length };
}

(async () => {
  const total = Number(process.argv[2] || 400);
  const preset = process.argv[3] || 'cpu';
  const options = stream.resolveOptions(stream.presets[preset]);
  const { files, source } = await images();
  console.log(`${stream.task} bench, preset ${preset}, ${total} samples, input: ${source}`);
  await run(files, options, 1, 8); // warm the file cache and module loading
  for (const threads of [1, 2]) {
    const r = await run(files, options, threads, total);
    console.log(`  threads ${threads}: ${(r.n / r.seconds).toFixed(1)} samples/s (${r.n} samples in ${r.seconds.toFixed(2)} s, ${r.skipped} files skipped)`);
  }
  console.log(`  peak RSS of the main process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (workers are threads of it)`);
})();
