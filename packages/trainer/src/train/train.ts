// The multi-task training loop: single-head steps interleaved across tasks, a per-task RMSProp,
// checkpoints (periodic, at exit and on SIGINT) and exact resume.
import * as tf from '@tensorflow/tfjs-core';
import { mkdir } from 'node:fs/promises';
import { TaskName } from '@mtssl/core';
import { MultiTaskNet } from '../model/network';
import { disposeBatch } from '../model/dispose-batch';
import { Interleaver } from '../data/interleaver';
import { TaskSource } from '../data/task-source';
import { TASK_SPECS } from '../tasks';
import { DataSource, isLiveStream } from '../data/training-dataset';
import { LiveTaskSource } from '../data/live-source';
import type { BatchSource } from '../data/batch-source';
import { ensureGradients, selectBackend, setLearningRate } from '@mtssl/tfjs-wasm-training';
import { RunState, latestCheckpoint, loadOptimizers, removeStaleCheckpoints, loadWeights, readModelJson, readRunState, saveCheckpoint } from './checkpoint';
import { MetricsRecord, alignMetrics, appendMetrics, progressLine } from './metrics-log';
import { TrainInput, TrainOptions, lrScheduleOf, resolveTrainOptions } from './options';
import { learningRateAt } from './lr-schedule';
import { checkSchemas, closeDatasets, modelOptionsFor, openDatasets } from './run-setup';
import { makeOptimizer, trainStep } from './step';
import { readHarmonized } from './harmonization';
import { guardStepMemory, memoryBudget, memorySummary } from './memory-guard';

export type StopReason = 'steps' | 'exhausted' | 'signal';

export interface TaskSummary {
  readonly steps: number;
  readonly firstLoss: number;
  readonly lastLoss: number;
  readonly lastMetrics: Readonly<Record<string, number>>;
}

export interface TrainResult {
  readonly outDir: string;
  readonly checkpoint: string;
  readonly step: number;
  readonly stoppedBy: StopReason;
  readonly backend: string;
  /** Mean wall time per step of this invocation (excluding checkpoints). */
  readonly msPerStep: number;
  readonly parameters: number;
  readonly tasks: Readonly<Partial<Record<TaskName, TaskSummary>>>;
  readonly harmonized: Readonly<Partial<Record<TaskName, boolean | null>>>;
}

interface Run {
  readonly options: TrainOptions;
  readonly tasks: readonly TaskName[];
  readonly net: MultiTaskNet;
  readonly optimizers: Map<TaskName, tf.Optimizer>;
  readonly sources: Map<TaskName, BatchSource>;
  readonly interleaver: Interleaver;
  readonly harmonized: Partial<Record<TaskName, boolean | null>>;
  step: number;
}

function serialisableConfig(options: TrainOptions): Record<string, unknown> {
  const datasets = Object.fromEntries(Object.entries(options.datasets).map(([t, d]) => [t, typeof d === 'string' ? d : isLiveStream(d) ? '(live stream)' : '(in-memory)']));
  return { ...options, datasets, logger: undefined };
}

function runState(run: Run): RunState {
  const cursors = Object.fromEntries([...run.sources].map(([t, s]) => [t, s.current]));
  return { step: run.step, tasks: run.tasks, interleaver: run.interleaver.state(), cursors, harmonized: run.harmonized, config: serialisableConfig(run.options) };
}

async function buildRun(options: TrainOptions, tasks: TaskName[], datasets: Map<TaskName, DataSource>): Promise<Run> {
  for (const stale of await removeStaleCheckpoints(options.outDir)) options.logger.info(`removed ${stale}, a checkpoint a killed run left half-written`);
  const existing = await latestCheckpoint(options.outDir);
  if (existing && !options.resume) {
    throw new Error(`${options.outDir} already holds a run (${existing}); resume it (resume: true, --resume) or train into another folder (--out)`);
  }
  const resumeFrom = options.resume ? existing : null;
  const saved = resumeFrom ? await readRunState(resumeFrom) : null;
  if (saved && saved.tasks.join(',') !== tasks.join(',')) {
    throw new Error(`resume: the checkpoint trained ${saved.tasks.join(', ')} but this run gives datasets for ${tasks.join(', ')}`);
  }
  const model = resumeFrom ? (await readModelJson(resumeFrom)).model : modelOptionsFor(options, datasets);
  checkSchemas(datasets, model);
  const harmonized = readHarmonized(datasets, options.harmonize, (l) => options.logger.warn(l));
  const net = new MultiTaskNet(model, tasks);
  const optimizers = new Map(tasks.map((t) => [t, makeOptimizer({ learningRate: options.learningRate, decay: options.rmsDecay, momentum: options.rmsMomentum, epsilon: options.rmsEpsilon })]));
  const sources = new Map<TaskName, BatchSource>();
  for (const [task, dataset] of datasets) {
    const rebalance = TASK_SPECS[task].sharedWeights(dataset, model, (l) => options.logger.warn(l));
    const state = saved?.cursors[task];
    sources.set(
      task,
      isLiveStream(dataset)
        ? new LiveTaskSource(task, dataset, options.onExhausted, rebalance, state)
        : new TaskSource(task, dataset, options.onExhausted, options.seed, rebalance, state),
    );
  }
  const interleaver = new Interleaver(tasks, options.interleave, options.taskWeights, options.seed, saved?.interleaver);
  const run: Run = { options, tasks, net, optimizers, sources, interleaver, harmonized, step: saved?.step ?? 0 };
  await alignMetrics(options.outDir, run.step);
  if (resumeFrom) {
    await loadWeights(resumeFrom, net);
    await loadOptimizers(resumeFrom, optimizers);
    options.logger.info(`resumed from ${resumeFrom} at step ${run.step}`);
  }
  return run;
}

async function disposeRun(run: Run): Promise<void> {
  for (const o of run.optimizers.values()) o.dispose();
  await Promise.all([...run.sources.values()].map((s) => s.dispose()));
  run.net.dispose();
}

class Summaries {
  readonly byTask: Partial<Record<TaskName, TaskSummary>> = {};

  add(record: MetricsRecord): void {
    const prev = this.byTask[record.task];
    this.byTask[record.task] = {
      steps: (prev?.steps ?? 0) + 1,
      firstLoss: prev?.firstLoss ?? record.taskLoss,
      lastLoss: record.taskLoss,
      lastMetrics: record.metrics,
    };
  }
}

async function loop(run: Run, stop: { requested: boolean }, summaries: Summaries): Promise<{ stoppedBy: StopReason; ms: number; steps: number }> {
  const { options } = run;
  const schedule = lrScheduleOf(options);
  let ms = 0;
  let steps = 0;
  while (run.step < options.steps) {
    if (stop.requested) return { stoppedBy: 'signal', ms, steps };
    const task = run.interleaver.next();
    if (!task) return { stoppedBy: 'exhausted', ms, steps };
    const started = performance.now();
    const source = run.sources.get(task);
    if (!source) throw new Error(`${task}: no batch source (the interleaver and the sources disagree)`);
    const batch = await source.next(options.batchSize);
    if (!batch) {
      if (options.onExhausted === 'stop') return { stoppedBy: 'exhausted', ms, steps };
      options.logger.info(`${task}: data exhausted at step ${run.step}; dropping the task`);
      run.interleaver.drop(task);
      continue;
    }
    let figures;
    const optimizer = run.optimizers.get(task) as tf.Optimizer;
    const lr = learningRateAt(run.step, schedule) * (options.taskLrScale[task] ?? 1);
    setLearningRate(optimizer, lr);
    try {
      figures = trainStep(run.net, optimizer, batch, { lassoWeight: options.lassoWeight, bnMomentum: options.bnMomentum, trunkGradNorm: options.trunkGradNorm });
    } finally {
      disposeBatch(batch);
    }
    const took = performance.now() - started;
    ms += took;
    steps++;
    run.step++;
    const record: MetricsRecord = { step: run.step, task, ...figures, lr, ms: Math.round(took * 10) / 10 };
    summaries.add(record);
    await appendMetrics(options.outDir, record);
    if (run.step % options.logEvery === 0 || run.step === options.steps) options.logger.info(progressLine(record, options.steps, (1000 * steps) / ms));
    if (run.step % options.checkpointEvery === 0 && run.step < options.steps) await saveCheckpoint(options.outDir, run.net, run.optimizers, runState(run));
  }
  return { stoppedBy: 'steps', ms, steps };
}

/** Errors of the data (a damaged shard), not of the program: a user fixes the data and resumes. */
const DATA_ERRORS = new Set(['ShardError', 'DatasetError', 'SchemaMismatchError']);

/** On a data error mid-run, keeps the steps already done in a checkpoint and says so in the error. */
async function checkpointOnDataError(error: unknown, run: Run): Promise<unknown> {
  if (!(error instanceof Error) || !DATA_ERRORS.has(error.name) || run.step === 0) return error;
  const checkpoint = await saveCheckpoint(run.options.outDir, run.net, run.optimizers, runState(run));
  error.message = `${error.message}; the ${run.step} steps done are in ${checkpoint} (repair or rebuild the data, then --resume)`;
  return error;
}

const WINOGRAD_ON = "Winograd F(2x2, 3x3) for 3x3 stride-1 layers with 64+ channels, XNNPACK's direct convolution for the rest";
const WINOGRAD_OFF = "XNNPACK's direct convolution (Winograd off)";

/** Trains the multi-task network; see the package README for the options and the checkpoint format. */
export async function train(input: TrainInput): Promise<TrainResult> {
  const { options, tasks } = resolveTrainOptions(input);
  const backend = await selectBackend(options.backend, { threads: options.wasmThreads, winograd: options.winograd, log: (l) => options.logger.info(l) });
  ensureGradients();
  if (backend.name === 'wasm') options.logger.info(`wasm convolutions: ${options.winograd ? WINOGRAD_ON : WINOGRAD_OFF}`);
  await mkdir(options.outDir, { recursive: true });
  const datasets = await openDatasets(options, tasks);
  const stop = { requested: false };
  const onSignal = (): void => {
    stop.requested = true;
    options.logger.warn('SIGINT: finishing this step, then writing a checkpoint');
  };
  let run: Run | undefined;
  if (options.handleSignals) process.on('SIGINT', onSignal);
  try {
    run = await buildRun(options, tasks, datasets);
    const budget = memoryBudget(backend.name, options.wasmMemoryLimitBytes);
    if (budget) {
      const schemas = new Map([...datasets].map(([t, d]) => [t, d.schema]));
      const steps = await guardStepMemory(run.net, schemas, options.batchSize, budget);
      options.logger.info(memorySummary(steps, options.batchSize, tf.memory().numBytes, budget.limitBytes, budget.engine));
    }
    const summaries = new Summaries();
    const { stoppedBy, ms, steps } = await loop(run, stop, summaries).catch(async (error: unknown) => {
      throw await checkpointOnDataError(error, run as Run);
    });
    const checkpoint = await saveCheckpoint(options.outDir, run.net, run.optimizers, runState(run));
    options.logger.info(`stopped (${stoppedBy}) at step ${run.step}; checkpoint ${checkpoint}`);
    return {
      outDir: options.outDir,
      checkpoint,
      step: run.step,
      stoppedBy,
      backend: backend.name,
      msPerStep: steps ? ms / steps : 0,
      parameters: run.net.parameterCount(),
      tasks: summaries.byTask,
      harmonized: run.harmonized,
    };
  } finally {
    if (options.handleSignals) process.off('SIGINT', onSignal);
    if (run) await disposeRun(run);
    await closeDatasets(datasets);
  }
}
