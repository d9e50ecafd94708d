// Motion mask of a candidate frame from the frames that follow it.
// 1. Gray + 3x3 box blur of every frame.
// 2. For each following frame: the global (camera) translation to it (global-shift.ts); the
//    aligned absolute difference |I_t(p) - I_f(p + shift)| (pixels aligned outside the frame are
//    marked invalid).
// 3. Magnitude m(p) = lower median over the following frames of those differences: a pixel counts
//    as moving when it differs from most of the next frames, which keeps the object at time t and
//    drops most of the band it moves into (that band differs from the few frames the object covers).
// 4. Threshold by median + k * 1.4826 * MAD (threshold.ts), then open and close (image-ops.ts).
// 5. The rule: mask fraction < minMovingFraction -> 'no-motion' (static shot, or a pan that was
//    fully compensated); > maxMovingFraction -> 'too-much-motion' (motion that one translation does
//    not explain, e.g. zoom or rotation); either way the frame is skipped, not an error.
import { boxBlur, openClose, toGray } from './image-ops';
import { estimateShift, Shift } from './global-shift';
import { madThreshold } from './threshold';
import type { MotionOptions } from './options';

export type FrameStatus = 'ok' | 'no-motion' | 'too-much-motion';

export interface MotionResult {
  readonly status: FrameStatus;
  /** 0/1 per pixel, [H, W]. */
  readonly mask: Uint8Array;
  /** Motion magnitude m, 0..255 per pixel, [H, W]. */
  readonly magnitude: Uint8Array;
  readonly fraction: number;
  readonly threshold: number;
  /** Global shift to each following frame. */
  readonly shifts: readonly Shift[];
}

export type MaskOptions = Pick<
  MotionOptions,
  'height' | 'width' | 'noiseFactor' | 'minDifference' | 'morphRadius' | 'minMovingFraction' | 'maxMovingFraction' | 'maxShiftFraction'
>;

function alignedDiff(a: Float32Array, b: Float32Array, h: number, w: number, s: Shift, out: Float32Array, valid: Uint8Array): void {
  for (let y = 0; y < h; y++) {
    const yb = y + s.dy;
    for (let x = 0; x < w; x++) {
      const xb = x + s.dx;
      const i = y * w + x;
      if (yb < 0 || yb >= h || xb < 0 || xb >= w) {
        out[i] = 0;
        valid[i] = 0;
      } else out[i] = Math.abs((a[i] as number) - (b[yb * w + xb] as number));
    }
  }
}

function lowerMedian(diffs: Float32Array[], i: number, scratch: number[]): number {
  for (let k = 0; k < diffs.length; k++) scratch[k] = (diffs[k] as Float32Array)[i] as number;
  scratch.sort((p, q) => p - q);
  return scratch[Math.floor((diffs.length - 1) / 2)] as number;
}

/** `candidate` and `following` are rgb24 frames of the options' size. */
export function motionMask(candidate: Uint8Array, following: readonly Uint8Array[], o: MaskOptions): MotionResult {
  const { height: h, width: w } = o;
  const n = h * w;
  if (following.length === 0) throw new Error('motionMask needs at least one following frame');
  const base = boxBlur(toGray(candidate, h, w), h, w, 1);
  const valid = new Uint8Array(n).fill(1);
  const maxShift = Math.round(o.maxShiftFraction * w);
  const shifts: Shift[] = [];
  const diffs = following.map((frame) => {
    const next = boxBlur(toGray(frame, h, w), h, w, 1);
    const shift = estimateShift(base, next, h, w, maxShift);
    shifts.push(shift);
    const d = new Float32Array(n);
    alignedDiff(base, next, h, w, shift, d, valid);
    return d;
  });
  const magnitude = new Uint8Array(n);
  const scratch: number[] = new Array<number>(diffs.length).fill(0);
  for (let i = 0; i < n; i++) magnitude[i] = valid[i] ? Math.min(255, Math.round(lowerMedian(diffs, i, scratch))) : 0;
  const threshold = madThreshold(magnitude, valid, o.noiseFactor, o.minDifference);
  const raw = new Uint8Array(n);
  for (let i = 0; i < n; i++) raw[i] = valid[i] && (magnitude[i] as number) > threshold ? 1 : 0;
  const mask = openClose(raw, h, w, o.morphRadius);
  let moving = 0;
  for (let i = 0; i < n; i++) moving += mask[i] as number;
  const fraction = moving / n;
  const status: FrameStatus = fraction < o.minMovingFraction ? 'no-motion' : fraction > o.maxMovingFraction ? 'too-much-motion' : 'ok';
  return { status, mask, magnitude, fraction, threshold, shifts };
}
