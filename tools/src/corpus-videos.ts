// Synthetic videos: a fixed textured scene with objects moving over it, and one shot whose
// camera pans, so the motion task has both true motion and camera motion to tell apart.
import { spawn } from 'node:child_process';
import { Rng, resolveFfmpegPath } from '@mtssl/core';
import { hsv, Raster, RGB } from './raster';

export interface VideoSpec {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly fps: number;
  readonly objects: number;
  /** Camera pan in pixels per frame (0 = fixed camera). */
  readonly pan: number;
}

interface Mover {
  x: number;
  y: number;
  vx: number;
  vy: number;
  r: number;
  colour: RGB;
  square: boolean;
}

/** Per-frame ground truth: the objects' positions, for checking motion masks. */
export interface FrameTruth {
  readonly objects: ReadonlyArray<{ x: number; y: number; r: number; square: boolean }>;
  readonly panX: number;
}

function scene(seed: number, spec: VideoSpec): Raster {
  const rng = Rng.from(seed, 'corpus-video-bg', spec.name);
  const wide = new Raster(spec.width + Math.ceil(Math.abs(spec.pan) * spec.frames) + 1, spec.height);
  wide.gradient(hsv(rng.next(), 0.3, 0.8), hsv(rng.next(), 0.4, 0.5), rng.uniform(0, Math.PI));
  wide.noise(rng, 12, 30);
  for (let i = 0; i < 12; i++) {
    wide.rect(rng.uniform(0, wide.width), rng.uniform(0, wide.height), rng.uniform(6, 24), rng.uniform(6, 24), hsv(rng.next(), 0.3, 0.6), 0.6);
  }
  wide.noise(rng, 3, 8);
  return wide;
}

function movers(seed: number, spec: VideoSpec): Mover[] {
  const rng = Rng.from(seed, 'corpus-video-movers', spec.name);
  return Array.from({ length: spec.objects }, () => {
    const speed = rng.uniform(1.5, 3.5);
    const angle = rng.uniform(0, 2 * Math.PI);
    return {
      x: rng.uniform(20, spec.width - 20),
      y: rng.uniform(20, spec.height - 20),
      vx: speed * Math.cos(angle),
      vy: speed * Math.sin(angle),
      r: rng.uniform(7, 14),
      colour: hsv(rng.next(), rng.uniform(0.6, 1), rng.uniform(0.6, 1)),
      square: rng.bool(),
    };
  });
}

function step(m: Mover, spec: VideoSpec): void {
  m.x += m.vx;
  m.y += m.vy;
  if (m.x < m.r || m.x > spec.width - m.r) m.vx = -m.vx;
  if (m.y < m.r || m.y > spec.height - m.r) m.vy = -m.vy;
}

/** Renders all frames (small videos only) and their ground truth. */
export function renderVideo(seed: number, spec: VideoSpec): { frames: Uint8Array[]; truth: FrameTruth[] } {
  const bg = scene(seed, spec);
  const objs = movers(seed, spec);
  const frames: Uint8Array[] = [];
  const truth: FrameTruth[] = [];
  for (let t = 0; t < spec.frames; t++) {
    const panX = Math.round(Math.abs(spec.pan) * t);
    const frame = new Raster(spec.width, spec.height);
    for (let y = 0; y < spec.height; y++) {
      const src = (y * bg.width + panX) * 3;
      frame.data.set(bg.data.subarray(src, src + spec.width * 3), y * spec.width * 3);
    }
    for (const m of objs) {
      if (m.square) frame.rect(m.x - m.r, m.y - m.r, 2 * m.r, 2 * m.r, m.colour);
      else frame.disc(m.x, m.y, m.r, m.colour);
    }
    frames.push(frame.data);
    truth.push({ objects: objs.map((m) => ({ x: m.x, y: m.y, r: m.r, square: m.square })), panX });
    for (const m of objs) step(m, spec);
  }
  return { frames, truth };
}

/** Encodes raw RGB frames to H.264 MP4 by piping them into ffmpeg (no temporary frame files). */
export function encodeMp4(file: string, frames: readonly Uint8Array[], width: number, height: number, fps: number): Promise<void> {
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', String(fps), '-i', '-',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-f', 'mp4', file];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(resolveFfmpegPath(), args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`ffmpeg failed encoding ${file} (exit ${code}): ${stderr.trim()}`))));
    child.stdin.on('error', () => undefined); // a failed ffmpeg reports through 'close'
    for (const f of frames) child.stdin.write(f);
    child.stdin.end();
  });
}
