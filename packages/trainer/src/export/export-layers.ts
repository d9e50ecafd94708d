// Writes a run's trunk as a standard TensorFlow.js Layers model (model.json with modelTopology and
// weightsManifest, plus one weights file) that tf.loadLayersModel loads without this project.
import * as tf from '@tensorflow/tfjs-core';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXPORT_FOLDER } from '@mtssl/contracts';
import { outputStride } from '../model/config';
import { EVAL_LASSO_ROW, lassoName } from '../model/lasso';
import { latestCheckpoint, readModelJson } from '../train/checkpoint';
import { readWeights, type WeightsGroup } from '../train/weights-io';
import { layersTopology } from './layers-topology';

export const EXPORT_WEIGHTS_FILE = 'weights.bin';
// Where train and export put the Layers model inside a run folder is a run-file name (@mtssl/contracts).
export { EXPORT_FOLDER };

export interface ExportResult {
  readonly outDir: string;
  readonly checkpoint: string;
  readonly layers: number;
  readonly weights: number;
  readonly parameters: number;
  readonly lasso: boolean;
}

/** What a user of the export needs to feed it, stored in model.json's userDefinedMetadata. */
function metadata(checkpoint: string, stride: number, lasso: readonly number[] | null): Record<string, unknown> {
  return {
    mtssl: {
      source: checkpoint,
      input: 'NHWC float32 RGB in [-1, 1] (pixel / 127.5 - 1), any height and width',
      output: lasso ? 'block 3, the evaluation lasso row: sum of block-3 unit outputs weighted by alpha' : 'block 3 (the last unit)',
      outputStride: stride,
      ...(lasso ? { lassoAlphas: lasso } : {}),
    },
  };
}

/**
 * Exports the trunk of a run's latest checkpoint (or of a checkpoint folder) to `outDir`, written
 * beside it and renamed into place, so a reader never sees half an export.
 */
export async function exportLayersModel(runOrCheckpoint: string, outDir: string): Promise<ExportResult> {
  const checkpoint = (await latestCheckpoint(runOrCheckpoint)) ?? runOrCheckpoint;
  const json = await readModelJson(checkpoint);
  const decoded = await readWeights(checkpoint, json.weightsManifest[0] as WeightsGroup);
  const target = resolve(outDir);
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    const alphas = json.model.lasso ? Array.from((decoded[lassoName(EVAL_LASSO_ROW)] as tf.Tensor).dataSync()) : null;
    const { modelTopology, weights } = layersTopology(json.model, alphas);
    const constants: tf.Tensor[] = [];
    const tensors = weights.map((w) => {
      if ('values' in w.source) {
        constants.push(tf.tensor(w.source.values, w.shape, 'float32'));
        return { name: w.name, tensor: constants[constants.length - 1] as tf.Tensor };
      }
      const value = decoded[w.source.variable];
      if (!value) throw new Error(`checkpoint ${checkpoint} has no weight ${w.source.variable}`);
      if (value.shape.join(',') !== w.shape.join(',')) throw new Error(`checkpoint weight ${w.source.variable} is [${value.shape}], the export expects [${w.shape}]`);
      return { name: w.name, tensor: value };
    });
    const { data, specs } = await tf.io.encodeWeights(tensors);
    tf.dispose(constants);
    const bytes = new Uint8Array(data instanceof ArrayBuffer ? data : tf.io.concatenateArrayBuffers(data));
    const modelJson = {
      format: 'layers-model',
      generatedBy: 'mtssl export',
      convertedBy: null,
      modelTopology,
      weightsManifest: [{ paths: [EXPORT_WEIGHTS_FILE], weights: specs }],
      userDefinedMetadata: metadata(checkpoint, outputStride(json.model), alphas),
    };
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    await writeFile(join(tmp, EXPORT_WEIGHTS_FILE), bytes);
    await writeFile(join(tmp, 'model.json'), JSON.stringify(modelJson, null, 1));
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
    const layers = (modelTopology.config as { layers: unknown[] }).layers.length;
    return { outDir: target, checkpoint, layers, weights: specs.length, parameters: bytes.byteLength / 4, lasso: alphas !== null };
  } finally {
    tf.dispose(Object.values(decoded));
    await rm(tmp, { recursive: true, force: true });
  }
}
