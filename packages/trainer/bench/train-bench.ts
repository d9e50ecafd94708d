// Training benchmark: ms/step and samples/s per task for a preset, the 3.44 M-parameter probe ResNet's
// step, peak memory, and the efficiency ratio (the model's training FLOP/s over the same backend's plain
// conv2d FLOP/s, measured in this run).
// Build the package first, then: npx tsc -p packages/trainer/bench && node packages/trainer/bench/dist/train-bench.js
//   [--preset cpu] [--side 64] [--batch 16] [--probe-side 64] [--probe-batch 32] [--repeats 3] [--backend wasm]
//   [--skip-tasks] [--skip-probe]
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { TASKS } from '@mtssl/core';
import {
  BACKEND_PREFERENCES,
  BackendPreference,
  MODEL_PRESETS,
  ModelPreset,
  MultiTaskNet,
  StepBench,
  benchTaskStep,
  benchTrunkStep,
  ensureGradients,
  plainConv2dRate,
  resolveModelOptions,
  selectBackend,
} from '@mtssl/trainer';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'cpu' },
    side: { type: 'string', default: '64' },
    batch: { type: 'string', default: '16' },
    'probe-side': { type: 'string', default: '64' },
    'probe-batch': { type: 'string', default: '32' },
    repeats: { type: 'string', default: '3' },
    backend: { type: 'string', default: 'auto' },
    'skip-tasks': { type: 'boolean', default: false },
    'skip-probe': { type: 'boolean', default: false },
  },
});

function positiveInt(name: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${String(text)}`);
  return n;
}

function oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[]): T {
  if (!allowed.includes(text as T)) throw new Error(`--${name} must be one of ${allowed.join(', ')}, got ${String(text)}`);
  return text as T;
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function row(label: string, b: StepBench, convRate: number): string {
  const rate = (b.trainingFlops / b.msPerStep) * 1000;
  return [
    label.padEnd(22),
    `${b.msPerStep.toFixed(0).padStart(7)} ms/step`,
    `${((1000 * b.samples) / b.msPerStep).toFixed(1).padStart(7)} samples/s`,
    `${(b.trainingFlops / 1e9).toFixed(2).padStart(7)} GFLOP/step`,
    `${(rate / 1e9).toFixed(1).padStart(5)} GFLOPS`,
    `efficiency ${(rate / convRate).toFixed(2)}`,
    `step peak ${mib(b.peakBytes)}`,
  ].join('  ');
}

function heapBytes(): number | null {
  const wasm = (tf.backend() as unknown as { wasm?: { HEAP8: Int8Array } }).wasm;
  return wasm ? wasm.HEAP8.length : null;
}

async function benchTasks(preset: ModelPreset, side: number, batchSize: number, repeats: number, convRate: number): Promise<void> {
  const net = new MultiTaskNet(resolveModelOptions(preset, { stride8: true, seed: 0 }), TASKS);
  console.log(`\n${preset} preset, stride 8, all four heads (${(net.parameterCount() / 1e6).toFixed(2)} M parameters), input ${side}, batch ${batchSize}:`);
  let flops = 0;
  let ms = 0;
  for (const task of TASKS) {
    const b = await benchTaskStep(net, task, { batchSize, side, repeats });
    console.log(row(task, b, convRate));
    flops += b.trainingFlops;
    ms += b.msPerStep;
  }
  const efficiency = ((flops / ms) * 1000) / convRate;
  console.log(`${'round robin (mean)'.padEnd(22)}  ${(ms / TASKS.length).toFixed(0).padStart(7)} ms/step  efficiency ${efficiency.toFixed(2)}`);
  net.dispose();
}

async function main(): Promise<void> {
  const preset = oneOf<ModelPreset>('preset', values.preset, MODEL_PRESETS);
  const side = positiveInt('side', values.side);
  const batchSize = positiveInt('batch', values.batch);
  const repeats = positiveInt('repeats', values.repeats);
  const choice = await selectBackend(oneOf<BackendPreference>('backend', values.backend, BACKEND_PREFERENCES));
  ensureGradients();
  const convRate = await plainConv2dRate(repeats);
  console.log(`plain conv2d (x 32x16x16x256, 3x3, 256->256): ${(convRate / 1e9).toFixed(1)} GFLOPS on ${choice.name}`);

  if (!values['skip-tasks']) await benchTasks(preset, side, batchSize, repeats, convRate);

  if (!values['skip-probe']) {
    const probeBatch = positiveInt('probe-batch', values['probe-batch']);
    const probeSide = positiveInt('probe-side', values['probe-side']);
    const probe = new MultiTaskNet(resolveModelOptions('probe', { seed: 0 }), []);
    console.log(`\nprobe net (trunk only, ${(probe.parameterCount(['trunk/']) / 1e6).toFixed(2)} M parameters), input ${probeSide}, batch ${probeBatch}:`);
    console.log(row('trunk step', await benchTrunkStep(probe, { batchSize: probeBatch, side: probeSide, repeats }), convRate));
    probe.dispose();
  }
  const heap = heapBytes();
  console.log(`\npeak memory: process RSS ${mib(process.resourceUsage().maxRSS * 1024)}${heap === null ? '' : `, wasm heap ${mib(heap)} (grows, never shrinks; limit 4096 MiB)`}`);
  console.log(`tensors live at exit: ${tf.memory().numTensors}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
