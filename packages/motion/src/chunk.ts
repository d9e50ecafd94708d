// One worker task: decode the frames a chunk of slots needs from one video and compute each
// slot's sample, holding only the frames of the slots still open (a sliding window).
import { statSync } from 'node:fs';
import { harmonizeRgb } from '@mtssl/core';
import { decodeFrames, DecodeOutcome } from './decode';
import { motionMask } from './motion-mask';
import { neededFrames, selectExpression } from './positions';
import type { MotionOptions } from './options';

/** Per-slot outcome codes in ChunkResult.status. */
export const SLOT_STATUS = Object.freeze(['ok', 'no-motion', 'too-much-motion', 'past-end'] as const);
export type SlotStatus = (typeof SLOT_STATUS)[number];

export interface ChunkTask {
  readonly file: string;
  readonly firstSlot: number;
  readonly count: number;
  readonly ffmpegPath: string;
  readonly options: MotionOptions;
  /** An earlier chunk of this video already ran past its end: answer without running ffmpeg. */
  readonly pastEnd?: boolean;
}

export interface ChunkResult {
  /** Set when the video is bad input (the whole chunk yields nothing). */
  readonly error?: string;
  /** Index into SLOT_STATUS per slot. */
  readonly status: Uint8Array;
  /** count x [H, W, 3] frames, count x [H, W] masks and motion magnitudes; zero where not 'ok'. */
  readonly frames: Uint8Array;
  readonly masks: Uint8Array;
  readonly magnitudes: Uint8Array;
  readonly framesDecoded: number;
  readonly pid?: number;
}

function describeFailure(outcome: DecodeOutcome, timeoutMs: number): string | undefined {
  const last = outcome.stderr.split('\n').filter(Boolean).slice(-1)[0] ?? '';
  if (outcome.spawnError) return `ffmpeg failed to start: ${outcome.spawnError}`;
  if (outcome.timedOut) return `ffmpeg timeout: killed after ${timeoutMs} ms`;
  if (outcome.signal) return `ffmpeg died: killed by ${outcome.signal}${last ? ` (${last})` : ''}`;
  // ffmpeg's own words for it ("Stream map '0:v:0' matches no streams ... add a trailing '?'") say nothing to a user
  if (/matches no streams|does not contain any stream|Output file #0 does not contain/i.test(outcome.stderr)) return 'no video stream: the file has no video track (audio only?)';
  if (outcome.exitCode !== 0) return `unreadable video: ffmpeg exited with ${String(outcome.exitCode)}${last ? `: ${last}` : ''}`;
  // ffmpeg conceals damaged packets and exits 0: masks from such frames would mark blocking artefacts as motion
  if (outcome.decodeErrors > 0) return `corrupt video: ffmpeg reported ${outcome.decodeErrors} decode error(s) in the frames read (first: ${outcome.firstDecodeError})`;
  return undefined;
}

/** Decodes and computes one chunk; bad input comes back as `error`, never as a throw. */
export async function runChunk(task: ChunkTask): Promise<ChunkResult> {
  const o = task.options;
  const { height: h, width: w } = o;
  const status = new Uint8Array(task.count).fill(SLOT_STATUS.indexOf('past-end'));
  const frames = new Uint8Array(task.count * h * w * 3);
  const masks = new Uint8Array(task.count * h * w);
  const magnitudes = new Uint8Array(task.count * h * w);
  const empty = { status, frames, masks, magnitudes, framesDecoded: 0 };
  if (task.pastEnd) return empty;
  try {
    const stat = statSync(task.file);
    // Only regular files have a meaningful size (a FIFO or device reports 0).
    if (stat.isFile() && stat.size === 0) return { ...empty, error: 'empty file: 0 bytes' };
  } catch (err) {
    return { ...empty, error: `unreadable video: ${(err as Error).message}` };
  }

  const wanted = neededFrames(task.firstSlot, task.count, o);
  const window = new Map<number, Uint8Array>();
  const onFrame = (frame: Uint8Array, i: number) => {
    const j = wanted[i] as number;
    window.set(j, frame);
    const rel = j - o.lookahead;
    if (rel < 0 || rel % o.candidateSpacing !== 0) return;
    const slot = rel / o.candidateSpacing;
    if (slot < task.firstSlot || slot >= task.firstSlot + task.count) return;
    const candidate = window.get(rel) as Uint8Array;
    const following: Uint8Array[] = [];
    for (let k = 1; k <= o.lookahead; k++) following.push(window.get(rel + k) as Uint8Array);
    const result = motionMask(candidate, following, o);
    const s = slot - task.firstSlot;
    status[s] = SLOT_STATUS.indexOf(result.status);
    if (result.status === 'ok') {
      frames.set(o.harmonize ? harmonizeRgb(candidate, 3) : candidate, s * h * w * 3);
      masks.set(result.mask, s * h * w);
      magnitudes.set(result.magnitude, s * h * w);
    }
    // Frames before the next slot's candidate are never needed again.
    for (const key of window.keys()) if (key < rel + o.candidateSpacing) window.delete(key);
  };
  const outcome = await decodeFrames(
    {
      file: task.file,
      ffmpegPath: task.ffmpegPath,
      height: h,
      width: w,
      select: selectExpression(task.firstSlot, task.count, o),
      maxFrames: wanted.length,
      threads: o.ffmpegThreads,
      timeoutMs: o.timeoutMs,
    },
    onFrame,
  );
  const pid = outcome.pid !== undefined ? { pid: outcome.pid } : {};
  const failure = describeFailure(outcome, o.timeoutMs);
  if (failure) return { ...empty, ...pid, framesDecoded: outcome.frames, error: failure };
  // A video the decoder read without error but with no frames at all (chunk at its start) has no
  // usable video stream; later chunks of a short video simply run past its end.
  if (outcome.frames === 0 && task.firstSlot === 0) {
    return { ...empty, ...pid, error: `no video frames: ${outcome.stderr.split('\n').filter(Boolean).slice(-1)[0] ?? 'ffmpeg decoded nothing'}` };
  }
  return { status, frames, masks, magnitudes, framesDecoded: outcome.frames, ...pid };
}
