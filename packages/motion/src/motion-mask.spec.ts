import { estimateShift } from './global-shift';
import { toGray } from './image-ops';
import { motionMask } from './motion-mask';
import { resolveMotionOptions } from './options';
import { iou, Scene, sceneFrame, squareMask, texture } from './testing/scene-fixtures';

const o = resolveMotionOptions({ height: 60, width: 80, lookahead: 3 });

function frames(s: Scene, ts: number[]): Uint8Array[] {
  const bgWidth = s.width + Math.ceil(Math.abs(s.pan) * 20) + 1;
  const bg = texture(s.height, bgWidth, 3);
  const fg = texture(s.square || 1, s.square || 1, 4);
  return ts.map((t) => sceneFrame(s, t, bg, bgWidth, fg));
}

describe('motionMask', () => {
  it('marks a textured square moving over a static background (IoU >= 0.6)', () => {
    const s: Scene = { height: 60, width: 80, frames: 8, square: 16, y0: 20, x0: 10, speed: 3, pan: 0 };
    const [first, ...rest] = frames(s, [0, 1, 2, 3]);
    const r = motionMask(first as Uint8Array, rest, o);
    expect(r.status).toBe('ok');
    expect(iou(r.mask, squareMask(s, 0, 1))).toBeGreaterThanOrEqual(0.6);
  });

  it('compensates a camera pan: the whole frame translating does not mark every pixel', () => {
    const s: Scene = { height: 60, width: 80, frames: 8, square: 0, y0: 0, x0: 0, speed: 0, pan: 2 };
    const [first, ...rest] = frames(s, [0, 1, 2, 3]);
    const r = motionMask(first as Uint8Array, rest, o);
    expect(r.shifts.map((x) => x.dx)).toEqual([-2, -4, -6]) // the view moves right, so content moves left;
    expect(r.fraction).toBeLessThan(0.02);
    expect(r.status).toBe('no-motion');
  });

  it('marks nothing on a static scene', () => {
    const s: Scene = { height: 60, width: 80, frames: 8, square: 0, y0: 0, x0: 0, speed: 0, pan: 0 };
    const [first, ...rest] = frames(s, [0, 1, 2, 3]);
    const r = motionMask(first as Uint8Array, rest, o);
    expect(r.fraction).toBe(0);
    expect(r.status).toBe('no-motion');
  });

  it('finds a global shift in the presence of a moving object', () => {
    const s: Scene = { height: 60, width: 80, frames: 8, square: 12, y0: 10, x0: 20, speed: 4, pan: -3 };
    const [a, b] = frames(s, [0, 2]).map((f) => toGray(f, 60, 80));
    expect(estimateShift(a as Float32Array, b as Float32Array, 60, 80, 12)).toEqual({ dy: 0, dx: 6 });
  });

  it('rejects frames with no following frame', () => {
    expect(() => motionMask(new Uint8Array(60 * 80 * 3), [], o)).toThrow('at least one following frame');
  });
});
