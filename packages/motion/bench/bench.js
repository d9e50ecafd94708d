// Throughput of the motion stream: frames/s decoded by ffmpeg and samples/s produced, for 1 and 2
// worker threads, and the peak RSS of this process (ffmpeg children not included).
// Run after building: node packages/motion/bench/bench.js [videoDir]
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, readdirSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { extname, join } = require('node:path');
const { measureStream } = require('@mtssl/core');
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

async function main() {
  const dir = process.argv[2] ?? join(__dirname, '../../../../shared/data/videos');
  const videos = existsSync(dir) ? listVideos(dir) : generatedVideos();
  const preset = process.env.PRESET ?? 'cpu';
  const options = motionStream.resolveOptions(motionStream.presets[preset]);
  console.log(`${videos.length} videos from ${existsSync(dir) ? dir : 'generated testsrc2 clips'}; preset ${preset} (${options.height}x${options.width}, ${options.framesPerVideo} positions/video)`);
  const manifest = { name: 'bench', file: 'bench.json', images: [], videos: videos.map((path) => ({ path, split: 'train' })), labels: [] };
  const total = motionStream.defaultTotal(manifest, options);
  const m = await measureStream(motionStream, manifest, options, { threads: [1, 2], total, seed: 0 });
  for (const r of m.runs) {
    console.log(
      `threads=${r.threads}: ${r.seconds.toFixed(2)} s, ${(r.stream.framesDecoded / r.seconds).toFixed(0)} frames/s decoded, ` +
        `${r.samplesPerSecond.toFixed(1)} samples/s (${r.samples} samples; skipped ${JSON.stringify(r.stream.skips)}; bad inputs ${r.report.skipped.length})`,
    );
  }
  console.log(`peak RSS of the node process: ${m.peakRssMiB.toFixed(0)} MiB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
