// Measures training steps on random batches: wall time, FLOPs (counted from the kernels run) and the
// engine's peak bytes. The figures the trainer's benchmark prints come from here.
import * as tf from '@tensorflow/tfjs-core';
import { TaskName } from '@mtssl/core';
import { MultiTaskNet } from '../model/network';
import { TaskBatch } from '../model/batch';
import { featureSide } from '../model/config';
import { EVAL_LASSO_ROW } from '../model/lasso';
import { disposeRandomBatch, randomBatch } from '../model/random-batch';
import { TASK_SPECS } from '../tasks';
import { disposeStatUpdates, forwardContext } from '../model/context';
import { forwardFlops, TRAINING_FLOPS_PER_FORWARD } from './flops';
import { makeOptimizer, trainStep } from './step';
import { registerWasmTrainingKernels, wasmTrainingKernelOptions } from '@mtssl/tfjs-wasm-training';

export interface StepBench {
  readonly msPerStep: number;
  /** Samples (pairs, images, triplets) per step. */
  readonly samples: number;
  readonly trainingFlops: number;
  /** The engine's peak bytes during one step, beyond what was live before it. */
  readonly peakBytes: number;
  /** Kernels one step dispatches: at small sizes each costs more in dispatch than in arithmetic. */
  readonly kernels: number;
}

export interface StepBenchOptions {
  readonly batchSize: number;
  readonly side: number;
  readonly repeats: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function timeSteps(step: () => void, repeats: number): Promise<{ ms: number; peakBytes: number; kernels: number }> {
  const before = tf.memory().numBytes;
  const warm = await tf.profile(step); // the first step also packs weights and grows the heap
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), peakBytes: warm.peakBytes - before, kernels: warm.kernels.length };
}

/** Trunk only (block-3 features, mean-square loss, RMSProp): the engine on the bare ResNet. */
export async function benchTrunkStep(net: MultiTaskNet, o: StepBenchOptions): Promise<StepBench> {
  const images = tf.randomUniform([o.batchSize, o.side, o.side, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
  const vars = net.params.select(['trunk/']);
  const optimizer = makeOptimizer({ learningRate: 1e-4, decay: 0.9, momentum: 0.9, epsilon: 1 });
  const loss = (ctx = forwardContext(net.params, true)): tf.Scalar => {
    try {
      return tf.mean(tf.square(net.features(ctx, images, EVAL_LASSO_ROW)));
    } finally {
      disposeStatUpdates(ctx.statUpdates);
    }
  };
  const step = (): void => {
    const { value, grads } = tf.variableGrads(() => loss(), vars);
    optimizer.applyGradients(grads);
    tf.dispose([value, ...Object.values(grads)]);
  };
  try {
    const flops = TRAINING_FLOPS_PER_FORWARD * (await forwardFlops(() => loss()));
    const { ms, peakBytes, kernels } = await timeSteps(step, o.repeats);
    return { msPerStep: ms, samples: o.batchSize, trainingFlops: flops, peakBytes, kernels };
  } finally {
    optimizer.dispose();
    images.dispose();
  }
}

function batchFor(net: MultiTaskNet, task: TaskName, o: StepBenchOptions): TaskBatch {
  const side = TASK_SPECS[task].fixedSide(net.options) ?? o.side;
  return randomBatch(task, { batchSize: o.batchSize, side, targetSide: featureSide(side, net.options), numBins: net.options.numBins }, 2);
}

/** One task's full single-head step (trunk + head + its RMSProp), as the training loop runs it. */
export async function benchTaskStep(net: MultiTaskNet, task: TaskName, o: StepBenchOptions): Promise<StepBench> {
  const batch = batchFor(net, task, o);
  const optimizer = makeOptimizer({ learningRate: 1e-4, decay: 0.9, momentum: 0.9, epsilon: 1 });
  try {
    const flops = TRAINING_FLOPS_PER_FORWARD * (await forwardFlops(() => net.forward(forwardContext(net.params, false), batch)));
    const { ms, peakBytes, kernels } = await timeSteps(() => void trainStep(net, optimizer, batch, { lassoWeight: 0, bnMomentum: 0.99 }), o.repeats);
    return { msPerStep: ms, samples: o.batchSize, trainingFlops: flops, peakBytes, kernels };
  } finally {
    optimizer.dispose();
    disposeRandomBatch(batch);
  }
}

/**
 * The rate of one plain 3x3 conv2d (x 32x16x16x256, 256 -> 256) in FLOP/s of the direct convolution: by
 * default the backend's own kernel (on wasm, XNNPACK's direct convolution, with our Winograd path off);
 * `winograd: true` measures the kernel training uses, counted at the same FLOPs.
 */
export async function plainConv2dRate(repeats: number, o: { winograd?: boolean } = {}): Promise<number> {
  const x = tf.randomNormal([32, 16, 16, 256]) as tf.Tensor4D;
  const f = tf.randomNormal([3, 3, 256, 256]) as tf.Tensor4D;
  const flops = 2 * 32 * 16 * 16 * 9 * 256 * 256;
  // Winograd is a kernel registration: where our wasm kernels are registered, measure with the option asked
  // for, then register the previous option again.
  const previous = wasmTrainingKernelOptions();
  if (previous) registerWasmTrainingKernels({ winograd: o.winograd ?? false });
  try {
    const { ms } = await timeSteps(() => void tf.conv2d(x, f, 1, 'same').dispose(), repeats);
    return (flops / ms) * 1000;
  } finally {
    if (previous) registerWasmTrainingKernels(previous);
    tf.dispose([x, f]);
  }
}
