// Training benchmark: ms/step and samples/s per task for a preset, the 3.44 M-parameter probe ResNet's
// step, peak memory, and the efficiency ratio (the model's training FLOP/s over the same backend's plain
// conv2d FLOP/s, measured in this run).
// Build the package first, then: npx tsc -p packages/trainer/bench && node packages/trainer/bench/dist/train-bench.js
//   [--preset cpu] [--side 64] [--batch 16] [--probe-side 64] [--probe-batch 32] [--repeats 3] [--backend wasm]
//   [--wasm-threads 1] [--tasks relative-position,...] [--skip-tasks] [--skip-probe] [--no-winograd]
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { TASKS, TaskName } from '@mtssl/core';
import { BACKEND_PREFERENCES, BackendPreference, ensureGradients, selectBackend } from '@mtssl/tfjs-wasm-training';
import {
  MODEL_PRESETS,
  ModelPreset,
  MultiTaskNet,
  outputStride,
  StepBench,
  benchTaskStep,
  benchTrunkStep,
  plainConv2dRate,
  resolveModelOptions,
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
    'wasm-threads': { type: 'string', default: '1' },
    'skip-tasks': { type: 'boolean', default: false },
    tasks: { type: 'string', default: TASKS.join(',') },
    'skip-probe': { type: 'boolean', default: false },
    'no-winograd': { type: 'boolean', default: false },
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
    `${b.kernels} kernels`,
  ].join('  ');
}

function heapBytes(): number | null {
  const wasm = (tf.backend() as unknown as { wasm?: { HEAP8: Int8Array } }).wasm;
  return wasm ? wasm.HEAP8.length : null;
}

interface Section {
  readonly title: string;
  readonly rows: Array<[string, StepBench]>;
  readonly roundRobin: boolean;
}

/** A line as each measurement lands (long presets take minutes a task); the table follows at the end. */
function progress(line: string): void {
  console.log(`  measured ${line}`);
}

function taskList(text: string | undefined): TaskName[] {
  const names = (text ?? '').split(',').filter((t) => t !== '');
  for (const t of names) if (!(TASKS as readonly string[]).includes(t)) throw new Error(`--tasks: unknown task "${t}" (one of ${TASKS.join(', ')})`);
  if (names.length === 0) throw new Error('--tasks: name at least one task');
  return names as TaskName[];
}

async function benchTasks(preset: ModelPreset, side: number, batchSize: number, repeats: number, tasks: readonly TaskName[]): Promise<Section> {
  const net = new MultiTaskNet(resolveModelOptions(preset, { stride8: true, seed: 0 }), tasks);
  const title = `${preset} preset, output stride ${outputStride(net.options)}, heads: ${tasks.join(', ')} (${(net.parameterCount() / 1e6).toFixed(2)} M parameters), input ${side}, batch ${batchSize}:`;
  const rows: Array<[string, StepBench]> = [];
  for (const task of tasks) {
    const b = await benchTaskStep(net, task, { batchSize, side, repeats });
    rows.push([task, b]);
    progress(`${task}: ${b.msPerStep.toFixed(0)} ms/step`);
  }
  net.dispose();
  return { title, rows, roundRobin: true };
}

async function benchProbe(side: number, batchSize: number, repeats: number): Promise<Section> {
  const probe = new MultiTaskNet(resolveModelOptions('probe', { seed: 0 }), []);
  const title = `probe net (trunk only, ${(probe.parameterCount(['trunk/']) / 1e6).toFixed(2)} M parameters), input ${side}, batch ${batchSize}:`;
  const step = await benchTrunkStep(probe, { batchSize, side, repeats });
  progress(`probe trunk: ${step.msPerStep.toFixed(0)} ms/step`);
  probe.dispose();
  return { title, rows: [['trunk step', step]], roundRobin: false };
}

function print(section: Section, convRate: number): void {
  console.log(`\n${section.title}`);
  for (const [label, b] of section.rows) console.log(row(label, b, convRate));
  if (!section.roundRobin) return;
  const flops = section.rows.reduce((a, [, b]) => a + b.trainingFlops, 0);
  const ms = section.rows.reduce((a, [, b]) => a + b.msPerStep, 0);
  const efficiency = ((flops / ms) * 1000) / convRate;
  console.log(`${'round robin (mean)'.padEnd(22)}  ${(ms / section.rows.length).toFixed(0).padStart(7)} ms/step  efficiency ${efficiency.toFixed(2)}`);
}

async function main(): Promise<void> {
  const preset = oneOf<ModelPreset>('preset', values.preset, MODEL_PRESETS);
  const side = positiveInt('side', values.side);
  const batchSize = positiveInt('batch', values.batch);
  const repeats = positiveInt('repeats', values.repeats);
  const probeSide = positiveInt('probe-side', values['probe-side']);
  const probeBatch = positiveInt('probe-batch', values['probe-batch']);
  const threads = positiveInt('wasm-threads', values['wasm-threads']);
  const choice = await selectBackend(oneOf<BackendPreference>('backend', values.backend, BACKEND_PREFERENCES), { threads, winograd: !values['no-winograd'] });
  ensureGradients();
  const before = await plainConv2dRate(repeats);
  const sections: Section[] = [];
  if (!values['skip-tasks']) sections.push(await benchTasks(preset, side, batchSize, repeats, taskList(values.tasks)));
  if (!values['skip-probe']) sections.push(await benchProbe(probeSide, probeBatch, repeats));
  const after = await plainConv2dRate(repeats);
  // The higher (less disturbed) of the two rates is the reference: a busy machine lowers the efficiency
  // figures instead of inflating them.
  const convRate = Math.max(before, after);
  const gflops = (r: number): string => (r / 1e9).toFixed(1);
  const on = choice.name === 'wasm' ? `wasm, ${threads} thread${threads > 1 ? 's' : ''}` : choice.name;
  console.log(`plain conv2d (x 32x16x16x256, 3x3, 256->256) on ${on}, the backend's own kernel: ${gflops(before)} GFLOPS before, ${gflops(after)} after; reference ${gflops(convRate)}`);
  if (choice.name === 'wasm') {
    const winograd = await plainConv2dRate(repeats, { winograd: true });
    console.log(`the same conv2d through the trainer's Winograd path: ${gflops(winograd)} GFLOPS of direct-convolution work${values['no-winograd'] ? ' (off for the steps below: --no-winograd)' : ''}`);
  }
  for (const section of sections) print(section, convRate);
  const heap = heapBytes();
  console.log(`\npeak memory: process RSS ${mib(process.resourceUsage().maxRSS * 1024)}${heap === null ? '' : `, wasm heap ${mib(heap)} (grows, never shrinks; limit 4096 MiB)`}`);
  console.log(`tensors live at exit: ${tf.memory().numTensors}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
