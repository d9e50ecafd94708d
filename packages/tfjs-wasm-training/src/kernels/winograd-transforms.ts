// The three transforms of Winograd's F(2x2, 3x3) (Lavin and Gray, 2015), written as flat loops over one
// Float32Array that spans the whole wasm heap, so every read and write is one monomorphic array access.
// Matrices: B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1], G = [1 0 0; .5 .5 .5; .5 -.5 .5; 0 0 1],
// A^T = [1 1 1 0; 0 1 -1 -1]. Element k of a 4x4 tile is row k >> 2, column k & 3.

type Sixteen = readonly [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number];

/** The 16 heap offsets of a tile's matrices, k = 4 * row + column. */
function sixteen(offsets: readonly number[]): Sixteen {
  if (offsets.length !== 16) throw new Error(`Winograd F(2x2, 3x3) works on 16 matrices, got ${offsets.length}`);
  return offsets as unknown as Sixteen;
}

/**
 * U_k = (G g G^T)_k for every (ci, co) of a [3, 3, Cin, Cout] filter at `filter`; U_k is the [Cin, Cout]
 * matrix at u[k].
 */
export function filterTransform(h: Float32Array, filter: number, cin: number, cout: number, u: readonly number[]): void {
  const cc = cin * cout;
  const [u0, u1, u2, u3, u4, u5, u6, u7, u8, u9, u10, u11, u12, u13, u14, u15] = sixteen(u);
  for (let j = 0; j < cc; j++) {
    const f = filter + j;
    const g00 = h[f] as number, g01 = h[f + cc] as number, g02 = h[f + 2 * cc] as number;
    const g10 = h[f + 3 * cc] as number, g11 = h[f + 4 * cc] as number, g12 = h[f + 5 * cc] as number;
    const g20 = h[f + 6 * cc] as number, g21 = h[f + 7 * cc] as number, g22 = h[f + 8 * cc] as number;
    // rows: G g (4 x 3)
    const a0 = g00, a1 = g01, a2 = g02;
    const b0 = 0.5 * (g00 + g10 + g20), b1 = 0.5 * (g01 + g11 + g21), b2 = 0.5 * (g02 + g12 + g22);
    const c0 = 0.5 * (g00 - g10 + g20), c1 = 0.5 * (g01 - g11 + g21), c2 = 0.5 * (g02 - g12 + g22);
    const d0 = g20, d1 = g21, d2 = g22;
    // columns: (G g) G^T (4 x 4)
    applyG(h, u0 + j, u1 + j, u2 + j, u3 + j, a0, a1, a2);
    applyG(h, u4 + j, u5 + j, u6 + j, u7 + j, b0, b1, b2);
    applyG(h, u8 + j, u9 + j, u10 + j, u11 + j, c0, c1, c2);
    applyG(h, u12 + j, u13 + j, u14 + j, u15 + j, d0, d1, d2);
  }
}

/** Writes G x for a 3-vector x, i.e. [x0, (x0 + x1 + x2) / 2, (x0 - x1 + x2) / 2, x2], at four places. */
function applyG(h: Float32Array, p0: number, p1: number, p2: number, p3: number, x0: number, x1: number, x2: number): void {
  h[p0] = x0;
  h[p1] = 0.5 * (x0 + x1 + x2);
  h[p2] = 0.5 * (x0 - x1 + x2);
  h[p3] = x2;
}

/** Writes G^T x for a 4-vector x, i.e. [x0 + (x1 + x2) / 2, (x1 - x2) / 2, (x1 + x2) / 2 + x3], at three places. */
function applyGt(h: Float32Array, p0: number, p1: number, p2: number, x0: number, x1: number, x2: number, x3: number): void {
  h[p0] = x0 + 0.5 * (x1 + x2);
  h[p1] = 0.5 * (x1 - x2);
  h[p2] = 0.5 * (x1 + x2) + x3;
}

/** Writes B^T x for a 4-vector x, i.e. [x0 - x2, x1 + x2, x2 - x1, x1 - x3], at four places. */
function applyBt(h: Float32Array, p0: number, p1: number, p2: number, p3: number, x0: number, x1: number, x2: number, x3: number): void {
  h[p0] = x0 - x2;
  h[p1] = x1 + x2;
  h[p2] = x2 - x1;
  h[p3] = x1 - x3;
}

/**
 * V_k[t, ci] = (B^T d B)_k for every tile t and channel: `offsets[16 t + k]` is where the channel run of the
 * tile's input element k starts (a run of zeros for padding). V_k is the [tiles, Cin] matrix at v[k].
 */
export function inputTransform(h: Float32Array, offsets: Int32Array, tiles: number, cin: number, v: readonly number[]): void {
  const [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15] = sixteen(v);
  for (let t = 0; t < tiles; t++) {
    const p = 16 * t;
    const o0 = offsets[p] as number, o1 = offsets[p + 1] as number, o2 = offsets[p + 2] as number, o3 = offsets[p + 3] as number;
    const o4 = offsets[p + 4] as number, o5 = offsets[p + 5] as number, o6 = offsets[p + 6] as number, o7 = offsets[p + 7] as number;
    const o8 = offsets[p + 8] as number, o9 = offsets[p + 9] as number, o10 = offsets[p + 10] as number, o11 = offsets[p + 11] as number;
    const o12 = offsets[p + 12] as number, o13 = offsets[p + 13] as number, o14 = offsets[p + 14] as number, o15 = offsets[p + 15] as number;
    const w = t * cin;
    for (let c = 0; c < cin; c++) {
      const d0 = h[o0 + c] as number, d1 = h[o1 + c] as number, d2 = h[o2 + c] as number, d3 = h[o3 + c] as number;
      const d4 = h[o4 + c] as number, d5 = h[o5 + c] as number, d6 = h[o6 + c] as number, d7 = h[o7 + c] as number;
      const d8 = h[o8 + c] as number, d9 = h[o9 + c] as number, d10 = h[o10 + c] as number, d11 = h[o11 + c] as number;
      const d12 = h[o12 + c] as number, d13 = h[o13 + c] as number, d14 = h[o14 + c] as number, d15 = h[o15 + c] as number;
      // rows: B^T d
      const r0 = d0 - d8, r1 = d1 - d9, r2 = d2 - d10, r3 = d3 - d11;
      const s0 = d4 + d8, s1 = d5 + d9, s2 = d6 + d10, s3 = d7 + d11;
      const q0 = d8 - d4, q1 = d9 - d5, q2 = d10 - d6, q3 = d11 - d7;
      const e0 = d4 - d12, e1 = d5 - d13, e2 = d6 - d14, e3 = d7 - d15;
      // columns: (B^T d) B
      const i = w + c;
      applyBt(h, v0 + i, v1 + i, v2 + i, v3 + i, r0, r1, r2, r3);
      applyBt(h, v4 + i, v5 + i, v6 + i, v7 + i, s0, s1, s2, s3);
      applyBt(h, v8 + i, v9 + i, v10 + i, v11 + i, q0, q1, q2, q3);
      applyBt(h, v12 + i, v13 + i, v14 + i, v15 + i, e0, e1, e2, e3);
    }
  }
}

/**
 * y = A^T m A for every tile and output channel: M_k is the [tiles, Cout] matrix at m[k]; `outputs[4 t + j]`
 * is where output j (row j >> 1, column j & 1) of tile t goes (a scratch run when it falls outside the map).
 */
export function outputTransform(h: Float32Array, m: readonly number[], outputs: Int32Array, tiles: number, cout: number): void {
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15] = sixteen(m);
  for (let t = 0; t < tiles; t++) {
    const y00 = outputs[4 * t] as number, y01 = outputs[4 * t + 1] as number;
    const y10 = outputs[4 * t + 2] as number, y11 = outputs[4 * t + 3] as number;
    const w = t * cout;
    for (let c = 0; c < cout; c++) {
      const i = w + c;
      const a0 = h[m0 + i] as number, a1 = h[m1 + i] as number, a2 = h[m2 + i] as number, a3 = h[m3 + i] as number;
      const b0 = h[m4 + i] as number, b1 = h[m5 + i] as number, b2 = h[m6 + i] as number, b3 = h[m7 + i] as number;
      const c0 = h[m8 + i] as number, c1 = h[m9 + i] as number, c2 = h[m10 + i] as number, c3 = h[m11 + i] as number;
      const e0 = h[m12 + i] as number, e1 = h[m13 + i] as number, e2 = h[m14 + i] as number, e3 = h[m15 + i] as number;
      // rows: A^T m
      const r0 = a0 + b0 + c0, r1 = a1 + b1 + c1, r2 = a2 + b2 + c2, r3 = a3 + b3 + c3;
      const s0 = b0 - c0 - e0, s1 = b1 - c1 - e1, s2 = b2 - c2 - e2, s3 = b3 - c3 - e3;
      // columns: (A^T m) A
      h[y00 + c] = r0 + r1 + r2;
      h[y01 + c] = r1 - r2 - r3;
      h[y10 + c] = s0 + s1 + s2;
      h[y11 + c] = s1 - s2 - s3;
    }
  }
}

/** Writes A x for a 2-vector x, i.e. [x0, x0 + x1, x0 - x1, -x1], at four places. */
function applyA(h: Float32Array, p0: number, p1: number, p2: number, p3: number, x0: number, x1: number): void {
  h[p0] = x0;
  h[p1] = x0 + x1;
  h[p2] = x0 - x1;
  h[p3] = -x1;
}

/**
 * dM_k = (A dY A^T)_k, the adjoint of outputTransform: `outputs[4 t + j]` is where dY's element j of tile t
 * starts (a run of zeros when it falls outside the map); dM_k is the [tiles, Cout] matrix at m[k].
 */
export function outputGradTransform(h: Float32Array, outputs: Int32Array, tiles: number, cout: number, m: readonly number[]): void {
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15] = sixteen(m);
  for (let t = 0; t < tiles; t++) {
    const y00 = outputs[4 * t] as number, y01 = outputs[4 * t + 1] as number;
    const y10 = outputs[4 * t + 2] as number, y11 = outputs[4 * t + 3] as number;
    const w = t * cout;
    for (let c = 0; c < cout; c++) {
      const p0 = h[y00 + c] as number, q0 = h[y01 + c] as number;
      const p1 = h[y10 + c] as number, q1 = h[y11 + c] as number;
      // rows: A dY (4 x 2)
      const ap = p0, aq = q0;
      const bp = p0 + p1, bq = q0 + q1;
      const cp = p0 - p1, cq = q0 - q1;
      const ep = -p1, eq = -q1;
      // columns: (A dY) A^T (4 x 4)
      const i = w + c;
      applyA(h, m0 + i, m1 + i, m2 + i, m3 + i, ap, aq);
      applyA(h, m4 + i, m5 + i, m6 + i, m7 + i, bp, bq);
      applyA(h, m8 + i, m9 + i, m10 + i, m11 + i, cp, cq);
      applyA(h, m12 + i, m13 + i, m14 + i, m15 + i, ep, eq);
    }
  }
}

/**
 * dg = G^T dU G, the adjoint of filterTransform: dU_k is the [Cin, Cout] matrix at du[k]; writes the
 * [3, 3, Cin, Cout] filter gradient at `filter`.
 */
export function filterGradTransform(h: Float32Array, du: readonly number[], cin: number, cout: number, filter: number): void {
  const cc = cin * cout;
  const [u0, u1, u2, u3, u4, u5, u6, u7, u8, u9, u10, u11, u12, u13, u14, u15] = sixteen(du);
  for (let j = 0; j < cc; j++) {
    // rows: G^T dU (3 x 4); G^T = [1 .5 .5 0; 0 .5 -.5 0; 0 .5 .5 1]
    const a0 = h[u0 + j] as number, a1 = h[u1 + j] as number, a2 = h[u2 + j] as number, a3 = h[u3 + j] as number;
    const b0 = h[u4 + j] as number, b1 = h[u5 + j] as number, b2 = h[u6 + j] as number, b3 = h[u7 + j] as number;
    const c0 = h[u8 + j] as number, c1 = h[u9 + j] as number, c2 = h[u10 + j] as number, c3 = h[u11 + j] as number;
    const e0 = h[u12 + j] as number, e1 = h[u13 + j] as number, e2 = h[u14 + j] as number, e3 = h[u15 + j] as number;
    const r0 = a0 + 0.5 * (b0 + c0), r1 = a1 + 0.5 * (b1 + c1), r2 = a2 + 0.5 * (b2 + c2), r3 = a3 + 0.5 * (b3 + c3);
    const s0 = 0.5 * (b0 - c0), s1 = 0.5 * (b1 - c1), s2 = 0.5 * (b2 - c2), s3 = 0.5 * (b3 - c3);
    const q0 = 0.5 * (b0 + c0) + e0, q1 = 0.5 * (b1 + c1) + e1, q2 = 0.5 * (b2 + c2) + e2, q3 = 0.5 * (b3 + c3) + e3;
    // columns: (G^T dU) G (3 x 3)
    const f = filter + j;
    applyGt(h, f, f + cc, f + 2 * cc, r0, r1, r2, r3);
    applyGt(h, f + 3 * cc, f + 4 * cc, f + 5 * cc, s0, s1, s2, s3);
    applyGt(h, f + 6 * cc, f + 7 * cc, f + 8 * cc, q0, q1, q2, q3);
  }
}
