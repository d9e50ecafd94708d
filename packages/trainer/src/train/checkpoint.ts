// Checkpoints: model.json (tfjs weights manifest + the run's configuration) and weights.bin, each
// task's RMSProp slots, and the positions that make a resumed run continue exactly where it
// stopped. Written to a temporary directory, renamed, then `latest.json` is swapped atomically.
// The file names and the formats of latest.json, model.json and state.json are read by other packages,
// so they are contracts (@mtssl/contracts); the optimizer files are the trainer's own.
import * as tf from '@tensorflow/tfjs-core';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CHECKPOINT_FORMAT, CHECKPOINT_PREFIX, LATEST_FILE, MODEL_FILE, OPTIMIZER_FILE, STATE_FILE, WEIGHTS_FILE,
  type CheckpointModel, type LatestCheckpoint, type RunConfigSummary, type RunState,
} from '@mtssl/contracts';
import { TaskName } from '@mtssl/core';
import { ModelOptions } from '../model/config';
import { MultiTaskNet } from '../model/network';
import { fsyncDir, writeFileAtomic } from '@mtssl/core';
import { NamedWeight, WeightsGroup, readWeights, writeWeights } from './weights-io';

export { CHECKPOINT_FORMAT, LATEST_FILE, type RunState };

type ModelJson = CheckpointModel<ModelOptions, WeightsGroup>;

interface OptimizerJson {
  readonly tasks: Partial<Record<TaskName, WeightsGroup>>;
}

function checkpointName(step: number): string {
  return `${CHECKPOINT_PREFIX}${String(step).padStart(8, '0')}`;
}

async function saveOptimizers(dir: string, optimizers: ReadonlyMap<TaskName, tf.Optimizer>): Promise<OptimizerJson> {
  const tasks: Partial<Record<TaskName, WeightsGroup>> = {};
  for (const [task, optimizer] of optimizers) {
    const weights = await optimizer.getWeights();
    try {
      tasks[task] = await writeWeights(dir, `optimizer-${task}.bin`, weights);
    } finally {
      // getWeights makes a fresh tensor for the iteration count; the slots are the optimizer's own
      (weights[0] as NamedWeight).tensor.dispose();
    }
  }
  return { tasks };
}

/** Writes checkpoint `ckpt-<step>` under outDir and points latest.json at it; returns its path. */
export async function saveCheckpoint(
  outDir: string,
  net: MultiTaskNet,
  optimizers: ReadonlyMap<TaskName, tf.Optimizer>,
  state: RunState,
): Promise<string> {
  const name = checkpointName(state.step);
  const tmp = join(outDir, `.${name}.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const named = net.params.entries().map(([n, v]) => ({ name: n, tensor: v as tf.Tensor }));
  const group = await writeWeights(tmp, WEIGHTS_FILE, named);
  const modelJson: ModelJson = { format: CHECKPOINT_FORMAT, model: net.options, tasks: net.tasks, weightsManifest: [group] };
  await writeFileAtomic(join(tmp, MODEL_FILE), JSON.stringify(modelJson, null, 1));
  await writeFileAtomic(join(tmp, OPTIMIZER_FILE), JSON.stringify(await saveOptimizers(tmp, optimizers), null, 1));
  await writeFileAtomic(join(tmp, STATE_FILE), JSON.stringify(state, null, 1));
  const final = join(outDir, name);
  await rm(final, { recursive: true, force: true });
  await rename(tmp, final);
  await fsyncDir(outDir);
  const latest: LatestCheckpoint = { checkpoint: name, step: state.step };
  await writeFileAtomic(join(outDir, LATEST_FILE), JSON.stringify(latest));
  await pruneCheckpoints(outDir, name);
  return final;
}

/** Removes checkpoint folders a killed run left half-written (`.ckpt-<step>.tmp-<pid>`); returns their names. */
export async function removeStaleCheckpoints(outDir: string): Promise<string[]> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  const stale = names.filter((n) => /^\.ckpt-\d+\.tmp-\d+$/.test(n));
  await Promise.all(stale.map((n) => rm(join(outDir, n), { recursive: true, force: true })));
  return stale;
}

/** Keeps the newest checkpoint only (older ones are superseded once latest.json moved). */
async function pruneCheckpoints(outDir: string, keep: string): Promise<void> {
  const names = await readdir(outDir);
  await Promise.all(names.filter((n) => n.startsWith(CHECKPOINT_PREFIX) && n !== keep).map((n) => rm(join(outDir, n), { recursive: true, force: true })));
}

/** The directory of the newest checkpoint of a run, or null if it has none. */
export async function latestCheckpoint(runDir: string): Promise<string | null> {
  try {
    const latest = JSON.parse(await readFile(join(runDir, LATEST_FILE), 'utf8')) as LatestCheckpoint;
    return join(runDir, latest.checkpoint);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function readModelJson(checkpointDir: string): Promise<ModelJson> {
  const json = JSON.parse(await readFile(join(checkpointDir, MODEL_FILE), 'utf8')) as ModelJson;
  if (json.format !== CHECKPOINT_FORMAT) throw new Error(`${checkpointDir}/${MODEL_FILE} is not a ${CHECKPOINT_FORMAT} (format ${String(json.format)})`);
  return json;
}

/**
 * What a run recorded about itself in its latest checkpoint (or a checkpoint folder given directly): its
 * preset and each task's dataset folder, among its options. Null when there is no state to read.
 */
export async function readRunConfig(runOrCheckpoint: string): Promise<RunConfigSummary | null> {
  const checkpoint = (await latestCheckpoint(runOrCheckpoint)) ?? runOrCheckpoint;
  let state: RunState;
  try {
    state = await readRunState(checkpoint);
  } catch {
    return null;
  }
  const config = state.config as { preset?: unknown; datasets?: unknown };
  const datasets = typeof config.datasets === 'object' && config.datasets !== null ? (config.datasets as Record<string, string>) : {};
  return { ...(typeof config.preset === 'string' ? { preset: config.preset } : {}), datasets };
}

export async function readRunState(checkpointDir: string): Promise<RunState> {
  return JSON.parse(await readFile(join(checkpointDir, STATE_FILE), 'utf8')) as RunState;
}

/** Assigns every stored weight to the network's variable of the same name. */
export async function loadWeights(checkpointDir: string, net: MultiTaskNet): Promise<void> {
  const json = await readModelJson(checkpointDir);
  const decoded = await readWeights(checkpointDir, json.weightsManifest[0] as WeightsGroup);
  try {
    for (const [name, variable] of net.params.entries()) {
      const value = decoded[name];
      if (!value) throw new Error(`checkpoint ${checkpointDir} has no weight ${name}`);
      if (value.shape.join(',') !== variable.shape.join(',')) {
        throw new Error(`checkpoint weight ${name} is [${value.shape}] but the network's is [${variable.shape}]`);
      }
      variable.assign(value);
    }
  } finally {
    tf.dispose(Object.values(decoded));
  }
}

/** Restores each task's RMSProp slots (in the order they were saved, which is varList order). */
export async function loadOptimizers(checkpointDir: string, optimizers: ReadonlyMap<TaskName, tf.Optimizer>): Promise<void> {
  const json = JSON.parse(await readFile(join(checkpointDir, OPTIMIZER_FILE), 'utf8')) as OptimizerJson;
  for (const [task, optimizer] of optimizers) {
    const group = json.tasks[task];
    if (!group) continue;
    const decoded = await readWeights(checkpointDir, group);
    const list = group.weights.map((spec) => ({ name: spec.name, tensor: decoded[spec.name] as tf.Tensor }));
    await optimizer.setWeights(list);
    // setWeights wraps each tensor in a new variable; the decoded originals are no longer needed
    tf.dispose(Object.values(decoded));
  }
}
