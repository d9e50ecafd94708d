// Options of the motion-segmentation stream: one interface, one frozen defaults object, three
// presets, and validation at the boundary (messages name the option and the bad value).
import {
  OptionError,
  PresetName,
  rejectUnknownKeys,
  requireBoolean,
  requireNonNegativeInt,
  requireNumberInRange,
  requirePositiveInt,
} from '@mtssl/core';

export interface MotionOptions {
  /** Frame height after ffmpeg's scale + centre crop (the paper: 240). */
  readonly height: number;
  /** Frame width (the paper: 320). */
  readonly width: number;
  /** ffmpeg keeps every frameStride-th native frame; kept frames are "decoded frames". */
  readonly frameStride: number;
  /** Following decoded frames the candidate frame is compared with. */
  readonly lookahead: number;
  /** Decoded frames between two candidate slots of one video. */
  readonly candidateSpacing: number;
  /** Candidate slots (stream positions) per video; see positions.ts for the position rule. */
  readonly framesPerVideo: number;
  /**
   * Stream positions handled by one worker task (one ffmpeg process, which decodes the video from its
   * start to the chunk's last frame): a whole video's slots by default, so a pass decodes each video
   * once. Samples do not depend on it.
   */
  readonly chunkSize: number;
  /** Threshold = median + noiseFactor * 1.4826 * MAD of the motion magnitude. */
  readonly noiseFactor: number;
  /** Floor of the threshold, in gray levels (0..255): compression noise never counts as motion. */
  readonly minDifference: number;
  /** Radius (px) of the square structuring element of the open-then-close clean-up; 0 = none. */
  readonly morphRadius: number;
  /** Frames whose mask covers less than this fraction are skipped as "no motion". */
  readonly minMovingFraction: number;
  /** Frames whose mask covers more than this fraction are skipped as "too much motion". */
  readonly maxMovingFraction: number;
  /** Largest global (camera) translation searched, as a fraction of the frame width. */
  readonly maxShiftFraction: number;
  /** Frame replaced by its Lab L channel replicated to 3 channels. */
  readonly harmonize: boolean;
  /** An ffmpeg process running longer than this (ms) is killed and its video reported. */
  readonly timeoutMs: number;
  /** ffmpeg binary; '' = @ffmpeg-installer's, else `ffmpeg` on PATH. */
  readonly ffmpegPath: string;
  /** Decoder threads per ffmpeg process (the pool already runs one process per worker). */
  readonly ffmpegThreads: number;
}

export const MOTION_DEFAULTS: Readonly<MotionOptions> = Object.freeze({
  height: 60,
  width: 80,
  frameStride: 2,
  lookahead: 3,
  candidateSpacing: 8,
  framesPerVideo: 32,
  chunkSize: 32,
  noiseFactor: 4,
  minDifference: 12,
  morphRadius: 1,
  minMovingFraction: 0.005,
  maxMovingFraction: 0.5,
  maxShiftFraction: 0.15,
  harmonize: false,
  timeoutMs: 60_000,
  ffmpegPath: '',
  ffmpegThreads: 1,
});

export const MOTION_PRESETS: Readonly<Record<PresetName, Readonly<Partial<MotionOptions>>>> = Object.freeze({
  tiny: Object.freeze({ height: 30, width: 40, framesPerVideo: 8, chunkSize: 8 }),
  // Frames at the small trunk's 32-px input (square, like the images it is probed on); at 32 px few
  // candidate frames pass the moving-fraction bounds (119 of 800 on the shared videos), so 4x the slots.
  small: Object.freeze({ height: 32, width: 32, morphRadius: 0, framesPerVideo: 128, chunkSize: 128 }),
  cpu: Object.freeze({ height: 60, width: 80 }),
  paper: Object.freeze({ height: 240, width: 320, morphRadius: 2 }),
});

const KNOWN = Object.keys(MOTION_DEFAULTS);

/** Merges over the defaults and validates every option. */
export function resolveMotionOptions(options: Partial<MotionOptions> = {}): Readonly<MotionOptions> {
  rejectUnknownKeys('motion', options, KNOWN);
  const o: MotionOptions = { ...MOTION_DEFAULTS, ...options };
  for (const key of ['height', 'width', 'frameStride', 'lookahead', 'candidateSpacing', 'framesPerVideo', 'chunkSize'] as const) {
    requirePositiveInt(key, o[key]);
  }
  if (o.height < 8 || o.width < 8) throw new OptionError(`height and width must be at least 8, got ${o.height}x${o.width}`);
  requireNumberInRange('noiseFactor', o.noiseFactor, 0, 100);
  requireNumberInRange('minDifference', o.minDifference, 0, 255);
  requireNonNegativeInt('morphRadius', o.morphRadius);
  requireNumberInRange('minMovingFraction', o.minMovingFraction, 0, 1);
  requireNumberInRange('maxMovingFraction', o.maxMovingFraction, 0, 1);
  if (o.minMovingFraction >= o.maxMovingFraction) {
    throw new OptionError(`minMovingFraction must be below maxMovingFraction, got ${o.minMovingFraction} >= ${o.maxMovingFraction}`);
  }
  requireNumberInRange('maxShiftFraction', o.maxShiftFraction, 0, 0.5);
  requireBoolean('harmonize', o.harmonize);
  requirePositiveInt('timeoutMs', o.timeoutMs);
  if (typeof o.ffmpegPath !== 'string') throw new OptionError(`ffmpegPath must be a string, got ${String(o.ffmpegPath)}`);
  requirePositiveInt('ffmpegThreads', o.ffmpegThreads);
  return Object.freeze(o);
}
