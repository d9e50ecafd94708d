// Streams raw rgb24 frames out of one ffmpeg process (fluent-ffmpeg builds and spawns the command):
// ffmpeg selects, scales and centre-crops; frames arrive through a pipe and are handed over one at a
// time, so a video is never held in memory. The process is killed on timeout or abort, and the
// promise settles only after it has exited (no zombies, no leftovers).
import type { ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';

export interface DecodeRequest {
  readonly file: string;
  readonly ffmpegPath: string;
  readonly height: number;
  readonly width: number;
  /** ffmpeg `select` expression over native frame numbers n. */
  readonly select: string;
  /** ffmpeg stops after this many output frames. */
  readonly maxFrames: number;
  readonly threads: number;
  readonly timeoutMs: number;
}

export interface DecodeOutcome {
  readonly frames: number;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** Last part of ffmpeg's stderr (log level error). */
  readonly stderr: string;
  readonly pid?: number;
  /** Set when the process could not be started at all. */
  readonly spawnError?: string;
  /** Lines in which the decoder reported damaged data (counted over the whole stderr, not just its tail). */
  readonly decodeErrors: number;
  readonly firstDecodeError?: string;
}

/** ffmpeg's words for damaged input data (h264, mpeg4, demuxers), at log level error. */
const DECODE_ERROR = /error while decoding|invalid nal unit|error splitting the input|invalid data found|corrupt|concealing|decode_slice_header error|ac-tex damaged|illegal|missing picture|no frame!/i;

const STDERR_KEEP = 4096;

/** The filter graph: pick frames, scale to cover the target, centre-crop, convert to rgb24. */
export function filterGraph(req: Pick<DecodeRequest, 'select' | 'height' | 'width'>): string {
  const { width: w, height: h } = req;
  return `select='${req.select}',scale=${w}:${h}:force_original_aspect_ratio=increase:flags=area,crop=${w}:${h},format=rgb24`;
}

function buildCommand(req: DecodeRequest): ffmpeg.FfmpegCommand {
  return ffmpeg(req.file)
    .setFfmpegPath(req.ffmpegPath)
    .inputOptions(['-v', 'error', '-nostdin', '-threads', String(req.threads)])
    .outputOptions(['-map', '0:v:0', '-vsync', '0', '-vf', filterGraph(req), '-frames:v', String(req.maxFrames)])
    .outputOptions(['-f', 'rawvideo', '-pix_fmt', 'rgb24']);
}

/** Cuts the byte stream into whole frames (a frame may span several pipe chunks). */
class FrameCutter {
  private buffer: Uint8Array;
  private filled = 0;
  count = 0;

  constructor(
    private readonly frameBytes: number,
    private readonly onFrame: (frame: Uint8Array, i: number) => void,
  ) {
    this.buffer = new Uint8Array(frameBytes);
  }

  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(this.frameBytes - this.filled, chunk.length - offset);
      this.buffer.set(chunk.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === this.frameBytes) {
        const frame = this.buffer;
        this.buffer = new Uint8Array(this.frameBytes);
        this.filled = 0;
        this.onFrame(frame, this.count++);
      }
    }
  }
}

/** Runs ffmpeg on one file and calls onFrame for each decoded frame, in order. */
export function decodeFrames(req: DecodeRequest, onFrame: (frame: Uint8Array, i: number) => void): Promise<DecodeOutcome> {
  return new Promise((resolve) => {
    const cutter = new FrameCutter(req.height * req.width * 3, onFrame);
    const out = new PassThrough();
    let stderr = '';
    let decodeErrors = 0;
    let firstDecodeError: string | undefined;
    let timedOut = false;
    let proc: ChildProcess | undefined;
    let frameError: Error | undefined;
    const finish = (outcome: Omit<DecodeOutcome, 'frames' | 'timedOut' | 'stderr' | 'decodeErrors' | 'firstDecodeError'>) => {
      clearTimeout(timer);
      const tail = frameError ? `frame handler failed: ${frameError.message}` : stderr.trim();
      resolve({ ...outcome, frames: cutter.count, timedOut, stderr: tail, decodeErrors, ...(firstDecodeError ? { firstDecodeError } : {}) });
    };
    const kill = () => {
      if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, req.timeoutMs);
    let exited: Omit<DecodeOutcome, 'frames' | 'timedOut' | 'stderr' | 'decodeErrors' | 'firstDecodeError'> | undefined;
    let drained = false;
    let settled = false;
    const settle = (force = false) => {
      if (settled || !exited || (!drained && !force)) return;
      settled = true;
      finish(exited);
    };
    out.on('end', () => {
      drained = true;
      settle();
    });
    out.on('data', (chunk: Buffer) => {
      if (frameError) return;
      try {
        cutter.push(chunk);
      } catch (err) {
        frameError = err as Error;
        kill();
      }
    });
    const command = buildCommand(req);
    command.on('start', () => {
      proc = (command as unknown as { ffmpegProc: ChildProcess }).ffmpegProc;
      proc.stderr?.on('data', (d: Buffer) => {
        const text = d.toString('utf8');
        for (const line of text.split('\n')) {
          if (!DECODE_ERROR.test(line)) continue;
          decodeErrors++;
          firstDecodeError ??= line.trim();
        }
        stderr = (stderr + text).slice(-STDERR_KEEP);
      });
      // 'close' comes after the process exited and its pipes drained: every frame has been seen.
      proc.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        exited = { exitCode: code, signal, ...(proc?.pid ? { pid: proc.pid } : {}) };
        settle();
        setTimeout(() => settle(true), 1000).unref(); // the pipe's end normally follows at once
      });
      if (timedOut) kill();
    });
    command.on('error', (err: Error) => {
      // Errors after start are reported through the exit status; before start nothing ran.
      if (!proc && !settled) {
        settled = true;
        finish({ exitCode: null, signal: null, spawnError: err.message });
      }
    });
    command.pipe(out, { end: true });
  });
}
