// Linear scales and "nice" tick values for the report's small SVG plots.

export interface Scale {
  readonly domain: readonly [number, number];
  map(v: number): number;
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain is widened so it still maps finitely. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const [lo, hi] = d0 === d1 ? [d0 - 0.5, d1 + 0.5] : [d0, d1];
  return { domain: [lo, hi], map: (v) => r0 + ((v - lo) / (hi - lo)) * (r1 - r0) };
}

/** About `count` round tick values (1, 2 or 5 times a power of ten apart) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}
