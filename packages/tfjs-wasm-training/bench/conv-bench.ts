// Engine benchmark: wasm conv2d vs our backprop kernels (direct, then through Winograd), and a small conv
// net's training step (Winograd on).
// Build the package first, then: npx tsc -p packages/tfjs-wasm-training/bench && node packages/tfjs-wasm-training/bench/dist/conv-bench.js
import * as tf from '@tensorflow/tfjs-core';
import { batchNormRelu, registerWasmTrainingKernels, selectBackend } from '@mtssl/tfjs-wasm-training';

const REPEATS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeMs(run: () => tf.Tensor | tf.Tensor[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= REPEATS; i++) {
    const t0 = performance.now();
    const out = run();
    const list = Array.isArray(out) ? out : [out];
    for (const t of list) await t.data();
    tf.dispose(list);
    if (i > 0) times.push(performance.now() - t0); // the first run warms caches
  }
  return median(times);
}

async function main(): Promise<void> {
  await selectBackend('wasm');
  const [n, h, w, c] = [32, 16, 16, 256];
  const flops = 2 * n * h * w * 9 * c * c;
  const x = tf.randomNormal([n, h, w, c]) as tf.Tensor4D;
  const f = tf.randomNormal([3, 3, c, c]) as tf.Tensor4D;
  const dy = tf.randomNormal([n, h, w, c]) as tf.Tensor4D;
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, c, c] } as unknown as tf.NamedAttrMap;
  const g = (ms: number): string => (flops / ms / 1e6).toFixed(1);
  console.log(`shape x [${n},${h},${w},${c}], 3x3 conv ${c}->${c}, ${(flops / 1e9).toFixed(2)} GFLOP (GFLOPS count direct-convolution work)`);
  let directConv = 0;
  for (const winograd of [false, true]) {
    registerWasmTrainingKernels({ winograd });
    const conv = await timeMs(() => tf.conv2d(x, f, 1, 'same'));
    const filt = await timeMs(() => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs) as tf.Tensor);
    const inp = await timeMs(() => tf.conv2dTranspose(dy, f, [n, h, w, c], 1, 'same'));
    if (!winograd) directConv = conv;
    const mode = winograd ? 'Winograd' : 'direct  ';
    console.log(`${mode} conv2d            ${conv.toFixed(0)} ms  ${g(conv)} GFLOPS`);
    console.log(`${mode} backprop filter   ${filt.toFixed(0)} ms  ${g(filt)} GFLOPS`);
    console.log(`${mode} backprop input    ${inp.toFixed(0)} ms  ${g(inp)} GFLOPS`);
  }
  const conv = directConv;

  // A small training step: 3x [3x3 conv 128->128 + BN+ReLU] at 32x32, batch 16, forward + backward.
  const [bn, bh, bc, layers] = [16, 32, 128, 3];
  const weights = Array.from({ length: layers }, () => tf.variable(tf.mul(tf.randomNormal([3, 3, bc, bc]), 0.05)));
  const gammas = Array.from({ length: layers }, () => tf.variable(tf.ones([bc])));
  const betas = Array.from({ length: layers }, () => tf.variable(tf.zeros([bc])));
  const input = tf.randomNormal([bn, bh, bh, bc]) as tf.Tensor4D;
  const step = (): tf.Tensor[] => {
    const { value, grads } = tf.variableGrads(() => {
      let a = input;
      for (let i = 0; i < layers; i++) {
        a = batchNormRelu(tf.conv2d(a, weights[i] as tf.Variable<tf.Rank.R4>, 1, 'same'), gammas[i] as tf.Variable<tf.Rank.R1>, betas[i] as tf.Variable<tf.Rank.R1>, {}).y;
      }
      return tf.mean(tf.square(a));
    });
    return [value, ...Object.values(grads)];
  };
  const stepMs = await timeMs(step);
  const stepFlops = 3 * layers * 2 * bn * bh * bh * 9 * bc * bc; // forward + 2 backward convs per layer
  const rate = stepFlops / stepMs / 1e6;
  console.log(`small net step    ${stepMs.toFixed(0)} ms  ${rate.toFixed(1)} GFLOPS  efficiency ${(rate / (flops / conv / 1e6)).toFixed(2)} of the direct conv2d`);
  const heap = (tf.backend() as unknown as { wasm: { HEAP8: Int8Array } }).wasm.HEAP8.length;
  console.log(`wasm heap ${(heap / 2 ** 20).toFixed(0)} MiB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
