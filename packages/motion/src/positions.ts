// The position rule. Every video of the manifest (in the manifest's sorted order) owns
// `framesPerVideo` consecutive stream positions: position k is slot s = k mod F of video
// v = floor(k / F) mod V (positions past V*F cycle through the videos again). Slot s is the
// decoded frame s * candidateSpacing, i.e. native frame s * candidateSpacing * frameStride.
// Sample k therefore depends only on the file and the options, never on worker count or startIndex.
import type { MotionOptions } from './options';

export interface SlotRef {
  readonly video: number;
  readonly slot: number;
}

export type PlanOptions = Pick<MotionOptions, 'framesPerVideo' | 'frameStride' | 'candidateSpacing' | 'lookahead' | 'chunkSize'>;

export function slotOf(position: number, videoCount: number, framesPerVideo: number): SlotRef {
  const block = Math.floor(position / framesPerVideo);
  return { video: block % videoCount, slot: position % framesPerVideo };
}

/** One worker task: consecutive slots [firstSlot, firstSlot + count) of one video, starting at stream position `index`. */
export interface ChunkRef {
  readonly index: number;
  readonly video: number;
  readonly firstSlot: number;
  readonly count: number;
}

/** Splits positions [start, end) into tasks that never cross a video or a chunk boundary. */
export function* planChunks(start: number, end: number, videoCount: number, o: PlanOptions): Generator<ChunkRef> {
  let k = start;
  while (k < end) {
    const { video, slot } = slotOf(k, videoCount, o.framesPerVideo);
    const chunkEnd = Math.min((Math.floor(slot / o.chunkSize) + 1) * o.chunkSize, o.framesPerVideo);
    const count = Math.min(chunkEnd - slot, end - k);
    yield { index: k, video, firstSlot: slot, count };
    k += count;
  }
}

/**
 * The decoded-frame indices a chunk needs, ascending and without repeats: for each slot its
 * candidate frame and the `lookahead` frames after it.
 */
export function neededFrames(firstSlot: number, count: number, o: PlanOptions): number[] {
  const set = new Set<number>();
  for (let s = firstSlot; s < firstSlot + count; s++) {
    const base = s * o.candidateSpacing;
    for (let j = 0; j <= o.lookahead; j++) set.add(base + j);
  }
  return [...set].sort((a, b) => a - b);
}

/**
 * ffmpeg `select` expression keeping exactly the native frames of `neededFrames` (n is the
 * native frame number): n on the stride, within the chunk's range, and within lookahead of a slot.
 */
export function selectExpression(firstSlot: number, count: number, o: PlanOptions): string {
  const a = firstSlot * o.candidateSpacing * o.frameStride;
  const b = ((firstSlot + count - 1) * o.candidateSpacing + o.lookahead) * o.frameStride;
  const period = o.candidateSpacing * o.frameStride;
  return `between(n,${a},${b})*not(mod(n,${o.frameStride}))*lte(mod(n-${a},${period}),${o.lookahead * o.frameStride})`;
}
