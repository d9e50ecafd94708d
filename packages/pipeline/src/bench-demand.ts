// `benchDemand` (`mtssl bench --demand`): each stream beside the trainer's appetite for it. The streams' samples/s with
// 1 and 2 workers, timed as `bench --stream` times them, and the samples/s of each task the trainer takes
// from shards when it trains the manifest's tasks round robin (the measured step alone, without batch
// assembly, so the demand is if anything overstated). Below 1 the stream would hold `train --live` back.
import { TaskName } from '@mtssl/core';
import { selectBackend } from '@mtssl/tfjs-wasm-training';
import { benchTaskStep, MultiTaskNet, resolveModelOptions, TRAIN_DEFAULTS } from '@mtssl/trainer';
import { benchStream } from './bench-stream';
import { readManifest, tasksFor } from './manifest';
import { resolveWasmThreads } from './wasm-threads';
import { PRESET_INPUT_SIZE, PresetName } from '@mtssl/contracts';

export interface DemandBenchOptions {
  readonly manifest: string;
  readonly preset: PresetName;
  readonly seconds: number;
  readonly warmup: number;
}

export interface DemandRow {
  readonly task: TaskName;
  readonly oneWorker: number;
  readonly twoWorkers: number;
  /** Samples/s of this task the trainer consumes from shards, round robin over every task. */
  readonly demand: number;
  readonly msPerStep: number;
}

async function trainerSteps(tasks: readonly TaskName[], preset: PresetName, log: (line: string) => void): Promise<Map<TaskName, number>> {
  await selectBackend('auto', { threads: resolveWasmThreads('auto', preset), log });
  const net = new MultiTaskNet(resolveModelOptions(preset, { stride8: true, seed: 0 }), [...tasks]);
  try {
    const ms = new Map<TaskName, number>();
    for (const task of tasks) {
      const b = await benchTaskStep(net, task, { batchSize: TRAIN_DEFAULTS.batchSize, side: PRESET_INPUT_SIZE[preset], repeats: 5 });
      ms.set(task, b.msPerStep);
    }
    return ms;
  } finally {
    net.dispose();
  }
}

export async function benchDemand(a: DemandBenchOptions, signal: AbortSignal, log: (line: string) => void): Promise<DemandRow[]> {
  const manifest = await readManifest(a.manifest);
  const tasks = tasksFor(manifest, undefined);
  const rates = new Map<TaskName, [number, number]>();
  for (const task of tasks) {
    const r1 = await benchStream({ task, threads: 1, seconds: a.seconds, warmup: a.warmup, manifest: a.manifest, preset: a.preset }, signal);
    const r2 = await benchStream({ task, threads: 2, seconds: a.seconds, warmup: a.warmup, manifest: a.manifest, preset: a.preset }, signal);
    rates.set(task, [r1.samples_per_s, r2.samples_per_s]);
    log(`  ${task}: ${r1.samples_per_s} samples/s with 1 worker, ${r2.samples_per_s} with 2`);
  }
  const ms = await trainerSteps(tasks, a.preset, log);
  const roundMs = [...ms.values()].reduce((s, v) => s + v, 0);
  const demand = (TRAIN_DEFAULTS.batchSize * 1000) / roundMs;
  return tasks.map((task) => {
    const [oneWorker, twoWorkers] = rates.get(task) as [number, number];
    return { task, oneWorker, twoWorkers, demand, msPerStep: ms.get(task) as number };
  });
}

export function demandTable(rows: readonly DemandRow[], a: DemandBenchOptions): string {
  const f = (n: number) => n.toFixed(1);
  const lines = [
    `streams vs the trainer's demand: ${a.manifest}, preset ${a.preset}, batch ${TRAIN_DEFAULTS.batchSize}, round robin over ${rows.length} tasks`,
    '| stream | 1 worker samples/s | 2 workers samples/s | trainer ms/step | trainer demand samples/s | 1 worker / demand | 2 workers / demand |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.task} | ${f(r.oneWorker)} | ${f(r.twoWorkers)} | ${r.msPerStep.toFixed(0)} | ${f(r.demand)} | ${(r.oneWorker / r.demand).toFixed(2)} | ${(r.twoWorkers / r.demand).toFixed(2)} |`),
  ];
  return lines.join('\n');
}
