// Test fixtures: synthetic frames and short videos piped as raw frames into the ffmpeg binary.
import { spawn } from 'node:child_process';
import { Rng } from '@mtssl/core';

export interface Scene {
  readonly height: number;
  readonly width: number;
  readonly frames: number;
  /** Square side, top-left at (y0, x0 + speed * t); 0 = no square. */
  readonly square: number;
  readonly y0: number;
  readonly x0: number;
  readonly speed: number;
  /** Whole-frame pan in px per frame (camera motion). */
  readonly pan: number;
}

/** A smooth random texture (blocks of 4 px, bilinear-ish by 2x2 averaging), gray-ish colours. */
export function texture(height: number, width: number, seed: number): Uint8Array {
  const rng = Rng.from(seed, 'texture');
  const out = new Uint8Array(height * width * 3);
  const cells = new Float32Array(Math.ceil(height / 4 + 1) * Math.ceil(width / 4 + 1));
  for (let i = 0; i < cells.length; i++) cells[i] = rng.uniform(40, 215);
  const cw = Math.ceil(width / 4 + 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = cells[Math.floor(y / 4) * cw + Math.floor(x / 4)] as number;
      out.set([v, v * 0.9 + 20, v * 0.8 + 30], (y * width + x) * 3);
    }
  }
  return out;
}

/** Frame t of a scene: a textured background (panned) with a textured square drawn on it. */
export function sceneFrame(s: Scene, t: number, bg: Uint8Array, bgWidth: number, fg: Uint8Array): Uint8Array {
  const out = new Uint8Array(s.height * s.width * 3);
  const ox = Math.round(s.pan * t);
  for (let y = 0; y < s.height; y++) out.set(bg.subarray((y * bgWidth + ox) * 3, (y * bgWidth + ox + s.width) * 3), y * s.width * 3);
  const sx = Math.round(s.x0 + s.speed * t);
  for (let y = 0; y < s.square; y++) {
    for (let x = 0; x < s.square; x++) {
      const X = sx + x;
      if (X < 0 || X >= s.width) continue;
      out.set(fg.subarray((y * s.square + x) * 3, (y * s.square + x) * 3 + 3), ((s.y0 + y) * s.width + X) * 3);
    }
  }
  return out;
}

/** Ground-truth mask of the square at frame t, scaled by `f` (output size = scene size * f). */
export function squareMask(s: Scene, t: number, f: number): Uint8Array {
  const h = Math.round(s.height * f);
  const w = Math.round(s.width * f);
  const out = new Uint8Array(h * w);
  const sx = s.x0 + s.speed * t;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const Y = (y + 0.5) / f;
      const X = (x + 0.5) / f;
      if (Y >= s.y0 && Y < s.y0 + s.square && X >= sx && X < sx + s.square) out[y * w + x] = 1;
    }
  }
  return out;
}

export function iou(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) inter++;
    if (a[i] || b[i]) union++;
  }
  return union === 0 ? 1 : inter / union;
}

function run(ffmpegPath: string, args: string[], input?: (stdin: NodeJS.WritableStream) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(ffmpegPath, args, { stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${args.join(' ')} failed (${code}): ${err.slice(-400)}`))));
    if (input && p.stdin) input(p.stdin);
  });
}

/** Encodes the scene with libx264 (or mpeg4 for .avi) into `file`. */
export async function writeSceneVideo(ffmpegPath: string, file: string, s: Scene, seed = 1): Promise<void> {
  const bgWidth = s.width + Math.ceil(Math.abs(s.pan) * s.frames) + 1;
  const bg = texture(s.height, bgWidth, seed);
  const fg = texture(s.square || 1, s.square || 1, seed + 100);
  const codec = file.endsWith('.avi') ? ['-c:v', 'mpeg4', '-q:v', '2'] : ['-c:v', 'libx264', '-crf', '12', '-preset', 'ultrafast'];
  await run(ffmpegPath, ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${s.width}x${s.height}`, '-r', '25', '-i', '-', ...codec, '-pix_fmt', 'yuv420p', '-y', file], (stdin) => {
    for (let t = 0; t < s.frames; t++) stdin.write(sceneFrame(s, t, bg, bgWidth, fg));
    stdin.end();
  });
}

/** One second of a sine tone in an .mp4 container: a file with no video stream. */
export function writeAudioOnly(ffmpegPath: string, file: string): Promise<void> {
  return run(ffmpegPath, ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', '-y', file]);
}

/** ffmpeg children (live or zombie) of this process. */
export async function ffmpegChildren(): Promise<string[]> {
  const out = await new Promise<string>((resolve) => {
    const p = spawn('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)]);
    let s = '';
    p.stdout.on('data', (d: Buffer) => (s += d.toString()));
    p.on('close', () => resolve(s));
  });
  return out.split('\n').filter((l) => /ffmpeg|sh$/.test(l.trim()));
}
