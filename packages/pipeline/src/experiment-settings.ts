// What every unit of an experiment shares: the training settings and the probe's data request.
import { join, resolve } from 'node:path';
import { TaskName } from '@mtssl/core';
import { selectBackend } from '@mtssl/tfjs-wasm-training';
import type { ProbeDataRequest } from './experiment-data';
import { EXPERIMENT_BATCH, ExperimentOptions } from './experiment-options';
import type { UnitSettings } from './experiment-unit';
import { PRESET_INPUT_SIZE } from '@mtssl/contracts';

/** The experiment's folder: the caller's, or one per manifest, preset and step count. */
export function experimentDir(o: ExperimentOptions, manifestName: string): string {
  return resolve(o.out ?? join('experiments', `${manifestName}-${o.preset}-${o.steps}`));
}

/** Selects the backend (with `threads` wasm threads) and gathers what a unit needs. */
export async function unitSettings(o: ExperimentOptions, outDir: string, available: readonly TaskName[], threads: number, signal: AbortSignal, log: (l: string) => void): Promise<UnitSettings> {
  const choice = await selectBackend(o.backend, { threads, winograd: o.winograd, log });
  return {
    outDir, shardsRoot: join(outDir, 'shards'), available, preset: o.preset, steps: o.steps, batchSize: o.batchSize ?? EXPERIMENT_BATCH[o.preset],
    ...(o.learningRate !== undefined ? { learningRate: o.learningRate } : {}), schedule: o.schedule, curvePoints: o.curvePoints, supervisedEpochs: o.supervisedEpochs,
    backend: choice.name === 'tensorflow' ? 'tensorflow' : o.backend, wasmThreads: threads, winograd: o.winograd, signal, log,
  };
}

export function probeRequest(o: ExperimentOptions, outDir: string): ProbeDataRequest {
  return {
    manifestFile: resolve(o.probeManifest ?? o.manifest),
    ...(o.testManifest ? { testManifestFile: resolve(o.testManifest) } : {}),
    validate: o.validate,
    inputSize: o.inputSize ?? PRESET_INPUT_SIZE[o.preset],
    cacheDir: join(outDir, 'probe'),
    curvePerClass: 1000,
  };
}
