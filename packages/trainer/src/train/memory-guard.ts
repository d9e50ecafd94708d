// WASM memory is 32-bit: the heap stops at 4 GiB and never shrinks, and running past it aborts the
// process mid-run. Before the first step we measure each task's step at batch 1 and 2 and refuse a
// batch size whose predicted peak does not fit, saying what to lower. Native TensorFlow on the CPU gets
// the same check against the machine's RAM; on a GPU the prediction is logged (its memory is not reported).
import * as tf from '@tensorflow/tfjs-core';
import { totalmem } from 'node:os';
import { SampleSchema, TaskName } from '@mtssl/core';
import { MultiTaskNet } from '../model/network';
import { disposeRandomBatch, randomBatch, RandomBatchSizes } from '../model/random-batch';
import { disposeStatUpdates, forwardContext } from '../model/context';
import { BatchSizes, TASK_SPECS } from '../tasks';

/** Headroom for what the engine does not count: XNNPACK's packed weights, allocator fragmentation. */
export const WASM_HEAP_MARGIN = 1.5;

export interface StepMemory {
  readonly task: TaskName;
  /** Bytes a step allocates beyond what is live before it, at batch 0 (extrapolated). */
  readonly fixedBytes: number;
  readonly bytesPerSample: number;
}

/** The image side (and colorization target side) a task's samples have, read from its schema. */
export function batchSizesFor(task: TaskName, schema: SampleSchema, numBins: number): BatchSizes {
  return TASK_SPECS[task].batchSizes(schema, numBins);
}

async function stepPeakBytes(net: MultiTaskNet, task: TaskName, sizes: RandomBatchSizes): Promise<number> {
  const before = tf.memory().numBytes;
  const profile = await tf.profile(() => {
    const batch = randomBatch(task, sizes, 0);
    const ctx = forwardContext(net.params, true);
    try {
      const { value, grads } = tf.variableGrads(() => net.loss(ctx, batch, 0).loss, net.trainableFor(task));
      tf.dispose([value, ...Object.values(grads)]);
    } finally {
      disposeStatUpdates(ctx.statUpdates);
      disposeRandomBatch(batch);
    }
  });
  return profile.peakBytes - before;
}

/** A task's step memory as a line in the batch size, from two measured steps (batch 1 and 2). */
export async function measureStepMemory(net: MultiTaskNet, task: TaskName, sizes: Omit<RandomBatchSizes, 'batchSize'>): Promise<StepMemory> {
  const one = await stepPeakBytes(net, task, { ...sizes, batchSize: 1 });
  const two = await stepPeakBytes(net, task, { ...sizes, batchSize: 2 });
  const bytesPerSample = Math.max(two - one, 1);
  return { task, fixedBytes: Math.max(one - bytesPerSample, 0), bytesPerSample };
}

/** What a backend's steps must fit in: wasm's 32-bit heap, host RAM for native TensorFlow on the CPU. */
export interface MemoryBudget {
  /** How the log names the engine. */
  readonly engine: string;
  /** Bytes a step's predicted peak must fit in; null where the backend cannot say (GPU memory). */
  readonly limitBytes: number | null;
  /** How the refusal names the limit. */
  readonly limitName: string;
}

const WASM_BUDGET = { engine: 'wasm', limitName: 'the wasm heap stops at' } as const;

/** The budget for the backend in use; null for the pure-JS cpu backend (a test and fallback engine). */
export function memoryBudget(backendName: string, wasmLimitBytes: number): MemoryBudget | null {
  if (backendName === 'wasm') return { ...WASM_BUDGET, limitBytes: wasmLimitBytes };
  if (backendName !== 'tensorflow') return null;
  // tfjs-node-gpu's backend says when it runs on a GPU, whose memory TensorFlow.js does not report
  const onGpu = (tf.backend() as { isUsingGpuDevice?: unknown }).isUsingGpuDevice === true;
  return onGpu ? { engine: 'native (GPU)', limitBytes: null, limitName: '' } : { engine: 'native', limitBytes: totalmem(), limitName: 'this machine has' };
}

/** One line for the log: the largest predicted step and what it leaves of the limit. */
export function memorySummary(steps: readonly StepMemory[], batchSize: number, liveBytes: number, limitBytes: number | null, engine = 'wasm'): string {
  const need = Math.max(...steps.map((s) => liveBytes + WASM_HEAP_MARGIN * (s.fixedBytes + batchSize * s.bytesPerSample)));
  const of = limitBytes === null ? ' (device memory is not reported, not checked)' : `, of ${gib(limitBytes)}`;
  return `${engine} memory: the largest step at batch size ${batchSize} needs about ${gib(need)} with headroom${of}`;
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

/** Throws, naming the task and the largest batch size that fits, when a step would overrun the limit. */
export function checkStepMemory(steps: readonly StepMemory[], batchSize: number, liveBytes: number, limitBytes: number, budget: Omit<MemoryBudget, 'limitBytes'> = WASM_BUDGET): void {
  for (const s of steps) {
    const need = liveBytes + WASM_HEAP_MARGIN * (s.fixedBytes + batchSize * s.bytesPerSample);
    if (need <= limitBytes) continue;
    const fits = Math.floor((limitBytes / WASM_HEAP_MARGIN - liveBytes / WASM_HEAP_MARGIN - s.fixedBytes) / s.bytesPerSample);
    const lower = fits >= 1 ? `lower --batch-size to ${fits} or less` : 'lower the input size or use a smaller preset (batch size 1 does not fit)';
    throw new Error(
      `${budget.engine} memory: a ${s.task} step at batch size ${batchSize} needs about ${gib(need)} (${gib(liveBytes)} live, ` +
        `${gib(s.bytesPerSample)} per sample, x${WASM_HEAP_MARGIN} headroom) but ${budget.limitName} ${gib(limitBytes)}; ` +
        (budget.engine === 'wasm' ? `${lower}, or install @tensorflow/tfjs-node(-gpu) for the native backend` : lower),
    );
  }
}

/** Measures every task's step and checks the batch size against the budget's limit, before step 1. */
export async function guardStepMemory(
  net: MultiTaskNet,
  schemas: ReadonlyMap<TaskName, SampleSchema>,
  batchSize: number,
  budget: MemoryBudget,
): Promise<StepMemory[]> {
  const steps: StepMemory[] = [];
  for (const [task, schema] of schemas) steps.push(await measureStepMemory(net, task, batchSizesFor(task, schema, net.options.numBins)));
  if (budget.limitBytes !== null) checkStepMemory(steps, batchSize, tf.memory().numBytes, budget.limitBytes, budget);
  return steps;
}
