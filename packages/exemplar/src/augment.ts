// Draws one view's transform from the option ranges (each scaled by augmentStrength) and renders
// the view of a seed patch.
import { harmonizeRgb, RgbImage, Rng } from '@mtssl/core';
import { applyColourShift, ColourShift } from './colour';
import type { ExemplarOptions } from './options';
import { Affine, warpView } from './warp';

export interface ViewParams {
  readonly dx: number;
  readonly dy: number;
  readonly angle: number;
  readonly zoom: number;
  readonly colour: ColourShift;
}

export interface SeedCentre {
  readonly x: number;
  readonly y: number;
}

export function sampleViewParams(o: Readonly<ExemplarOptions>, rng: Rng): ViewParams {
  const k = o.augmentStrength;
  const sym = (range: number) => rng.uniform(-range * k, range * k);
  const maxShift = o.translate * o.patchSize;
  return {
    dx: sym(maxShift),
    dy: sym(maxShift),
    angle: (sym(o.rotate) * Math.PI) / 180,
    zoom: 2 ** sym(o.scale),
    colour: {
      hue: sym(o.hue),
      saturation: 2 ** sym(o.saturation),
      brightness: sym(o.brightness),
      contrast: 2 ** sym(o.contrast),
    },
  };
}

export function renderView(image: RgbImage, centre: SeedCentre, p: ViewParams, o: Readonly<ExemplarOptions>): Uint8Array {
  const affine: Affine = { cx: centre.x + p.dx, cy: centre.y + p.dy, angle: p.angle, zoom: p.zoom };
  const view = warpView(image, affine, o.patchSize);
  applyColourShift(view, p.colour);
  return o.harmonize ? harmonizeRgb(view, 3) : view;
}
