// A seeded, splittable random source. Randomness for sample k of a stream is derived from
// (seed, stream key, k) alone, never from a shared sequential state, so sample k is the same
// whatever the number of workers or the order they finish in.
import type { RngState } from '@mtssl/contracts';

/** 32-bit finaliser from MurmurHash3: a cheap bijective mixer with good avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, then mixed: turns a stream key into a 32-bit word. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function combine(a: number, b: number): number {
  return fmix32((a ^ Math.imul(b >>> 0, 0x9e3779b1) ^ (b >>> 16)) >>> 0);
}

// The state words are stored in a run's state.json, so their type is the contract's (@mtssl/contracts).
export type { RngState };

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): passes PractRand to 2^40+. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  private constructor(state: RngState) {
    [this.a, this.b, this.c, this.d] = state;
  }

  /** A generator for a seed and any number of integer or string keys (e.g. stream name, sample index). */
  static from(seed: number, ...keys: Array<number | string>): Rng {
    let h = fmix32((seed >>> 0) ^ 0x6a09e667);
    let h2 = fmix32(Math.floor(seed / 0x100000000) ^ 0xbb67ae85);
    for (const key of keys) {
      const word = typeof key === 'string' ? hashString(key) : key >>> 0;
      const high = typeof key === 'number' ? Math.floor(key / 0x100000000) >>> 0 : 0;
      h = combine(h, word);
      h2 = combine(h2 ^ high, word ^ 0x3c6ef372);
    }
    const rng = new Rng([h, h2, combine(h, 0xa54ff53a), combine(h2, 0x510e527f) | 1]);
    for (let i = 0; i < 12; i++) rng.nextUint32(); // discard the warm-up outputs
    return rng;
  }

  static fromState(state: RngState): Rng {
    return new Rng(state);
  }

  state(): RngState {
    return [this.a, this.b, this.c, this.d];
  }

  /** An independent child generator; the parent is not advanced. */
  split(...keys: Array<number | string>): Rng {
    return Rng.from(combine(this.a ^ this.c, this.b ^ this.d), ...keys);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x100000000;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(): max ${max} < min ${min}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  /** Standard normal by Box-Muller. */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick(): empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/** The generator for sample `index` of stream `stream`: the one entry point streams use. */
export function sampleRng(seed: number, stream: string, index: number): Rng {
  return Rng.from(seed, stream, index);
}
