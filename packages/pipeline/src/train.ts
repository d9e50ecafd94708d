// `train`: trains the multi-task network on the shards of a manifest, preprocessing first any task whose
// shards are missing (or on its live streams), then exports the trunk as a Layers model.
import { join, resolve } from 'node:path';
import { exportLayersModel, train as trainNetwork, TrainResult } from '@mtssl/trainer';
import { readManifest, tasksFor } from './manifest';
import { defaultRunDir } from './run-dir';
import { liveSources, shardSources } from './train-sources';
import { resolveTrainRunOptions, TrainRunOptions } from './train-options';
import { resolveWasmThreads } from './wasm-threads';
import { EXPORT_FOLDER } from '@mtssl/contracts';

export interface TrainRunResult {
  readonly outDir: string;
  readonly result: TrainResult;
  /** The trunk's Layers model folder. */
  readonly exported: string;
}

export async function train(given: Partial<TrainRunOptions>, signal: AbortSignal, log: (line: string) => void): Promise<TrainRunResult> {
  const o = resolveTrainRunOptions(given);
  const manifest = await readManifest(o.manifest);
  const available = tasksFor(manifest, undefined);
  const tasks = tasksFor(manifest, o.tasks);
  const datasets = o.live ? liveSources(manifest, tasks, o) : await shardSources(manifest, tasks, o, signal, log);
  const outDir = resolve(o.out ?? defaultRunDir(manifest.name, o, tasks, available.length));
  log(`train: ${tasks.join(', ')} on ${manifest.name}${o.live ? ' (live streams)' : ''}, preset ${o.preset} -> ${outDir}`);
  const result = await trainNetwork({
    datasets,
    outDir,
    preset: o.preset,
    // Stride 8 matches the streams' colorization targets: inputSize / 8 in the tiny, cpu and paper
    // presets, and inputSize / 4 in the small one, whose stem does not pool.
    stride8: true,
    seed: o.seed,
    lasso: o.lasso,
    harmonize: o.harmonize,
    resume: o.resume,
    backend: o.backend,
    wasmThreads: resolveWasmThreads(o.wasmThreads, o.preset),
    winograd: o.winograd,
    steps: o.steps,
    ...(o.batchSize !== undefined ? { batchSize: o.batchSize } : {}),
    ...(o.learningRate !== undefined ? { learningRate: o.learningRate } : {}),
    ...o.schedule,
    ...(o.lassoWeight !== undefined ? { lassoWeight: o.lassoWeight } : {}),
    ...(o.checkpointEvery !== undefined ? { checkpointEvery: o.checkpointEvery } : {}),
    logger: { info: log, warn: (line) => log(`warning: ${line}`) },
  });
  // An interrupted run is not a finished one: the caller sees an error (the CLI exits 130, as preprocess does).
  if (result.stoppedBy === 'signal') throw new Error(`interrupted at step ${result.step}, checkpoint ${result.checkpoint}; add --resume to continue`);
  const exported = await exportLayersModel(outDir, join(outDir, EXPORT_FOLDER));
  log(`train: trunk exported as a TensorFlow.js Layers model to ${exported.outDir} (tf.loadLayersModel; input NHWC RGB in [-1, 1])`);
  return { outDir, result, exported: exported.outDir };
}
