// Throughput of the motion stream: frames/s decoded by ffmpeg and samples/s produced, for 1 and 2
// worker threads, and the peak RSS of this process (ffmpeg children not included).
// Run after building: node packages/motion/bench/bench.js [videoDir]
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, readdirSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { extname, join } = require('node:path');
const { measureStream } = require('@mtssl/core');
const { spawnSync } = require('node:child_process');
const { motionStream, resolveFfmpegPath } = require('../dist/index.js');
// internals, for the floor: the same filter graph and frame selection the workers give ffmpeg
const { filterGraph } = require('../dist/decode.js');
const { neededFrames, selectExpression } = require('../dist/positions.js');

/**
 * The ffmpeg floor: one ffmpeg a video, in turn, with the stream's own selection, scaling and cropping
 * of every frame one pass needs, writing to nowhere. What the stream adds is the pipe and the masks.
 */
function ffmpegFloor(videos, o) {
  const ffmpeg = resolveFfmpegPath();
  const slots = o.framesPerVideo;
  const vf = filterGraph({ select: selectExpression(0, slots, o), height: o.height, width: o.width });
  const maxFrames = String(neededFrames(0, slots, o).length);
  let frames = 0;
  const start = performance.now();
  for (const file of videos) {
    const r = spawnSync(ffmpeg, ['-v', 'error', '-nostdin', '-threads', String(o.ffmpegThreads), '-i', file, '-map', '0:v:0', '-vsync', '0', '-vf', vf, '-frames:v', maxFrames, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 30 });
    frames += Math.floor((r.stdout?.length ?? 0) / (o.height * o.width * 3));
  }
  return { seconds: (performance.now() - start) / 1000, frames };
}

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
  const floor = ffmpegFloor(videos, options);
  const one = m.runs.find((r) => r.threads === 1);
  console.log(
    `ffmpeg floor (one ffmpeg at a time, the same frames and decoder threads, no masks): ${floor.seconds.toFixed(2)} s, ` +
      `${(floor.frames / floor.seconds).toFixed(0)} frames/s; the stream on 1 thread reaches ${((100 * floor.seconds) / one.seconds).toFixed(0)} % of it`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
