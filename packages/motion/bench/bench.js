// Throughput of the motion stream: frames/s decoded by ffmpeg and samples/s produced, for 1 and 2
// worker threads, and the peak RSS of this process (ffmpeg children not included).
// Run after building: node packages/motion/bench/bench.js [videoDir]
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, readdirSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { extname, join } = require('node:path');
const { motionStream, resolveFfmpegPath } = require('../dist/index.js');

const VIDEO_EXT = ['.mp4', '.avi', '.mkv', '.mov', '.webm'];

function listVideos(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listVideos(full));
    else if (VIDEO_EXT.includes(extname(name).toLowerCase())) out.push(full);
  }
  return out;
}

function generatedVideos() {
  const dir = mkdtempSync(join(tmpdir(), 'motion-bench-'));
  const ffmpeg = resolveFfmpegPath();
  return [1, 2, 3, 4].map((i) => {
    const file = join(dir, `testsrc-${i}.mp4`);
    execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${10 + i}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-y', file]);
    return file;
  });
}

async function run(videos, threads, options) {
  const manifest = { name: 'bench', file: 'bench.json', images: [], videos: videos.map((path) => ({ path, split: 'train' })), labels: [] };
  const stream = motionStream.open(manifest, options, { seed: 0, threads, policy: 'skip', total: motionStream.defaultTotal(manifest, options) });
  const t0 = process.hrtime.bigint();
  let samples = 0;
  for await (const item of stream) if (item) samples++;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return { threads, seconds: s, framesDecoded: stream.framesDecoded, samples, skips: stream.skips, badInputs: stream.report.skipped.length };
}

async function main() {
  const dir = process.argv[2] ?? join(__dirname, '../../../../shared/data/videos');
  const videos = existsSync(dir) ? listVideos(dir) : generatedVideos();
  const preset = process.env.PRESET ?? 'cpu';
  const options = motionStream.resolveOptions(motionStream.presets[preset]);
  console.log(`${videos.length} videos from ${existsSync(dir) ? dir : 'generated testsrc2 clips'}; preset ${preset} (${options.height}x${options.width}, ${options.framesPerVideo} positions/video)`);
  for (const threads of [1, 2]) {
    const r = await run(videos, threads, options);
    console.log(
      `threads=${threads}: ${r.seconds.toFixed(2)} s, ${(r.framesDecoded / r.seconds).toFixed(0)} frames/s decoded, ` +
        `${(r.samples / r.seconds).toFixed(1)} samples/s (${r.samples} samples; skipped ${JSON.stringify(r.skips)}; bad inputs ${r.badInputs})`,
    );
  }
  console.log(`peak RSS of the node process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
