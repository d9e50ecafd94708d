// The export is loaded by plain tfjs-layers (no project code) through an IO handler, and must give
// the features loadTrunk() gives, for the paper-style stem and for a dilated block 3 with lasso.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeDataset } from '../testing/fake-datasets';
import { train } from '../train/train';
import { loadTrunk } from '../train/trunk';
import { exportLayersModel, EXPORT_WEIGHTS_FILE } from './export-layers';

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'mtssl-export-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function trainTiny(outDir: string, extra: { stride8: boolean; lasso: boolean }): Promise<void> {
  await train({
    datasets: { motion: fakeDataset('motion', { count: 8, side: 32, targetSide: extra.stride8 ? 4 : 2 }) },
    outDir, preset: 'tiny', backend: 'cpu', batchSize: 4, steps: 3, learningRate: 1e-2, handleSignals: false,
    // BN averages equal to the last batch's statistics, so the export's BN layers are really tested
    bnMomentum: 0, ...extra, logger: { info: () => undefined, warn: () => undefined },
  });
}

/** An IO handler over the exported files: what a web page's fetch or a file loader would hand tfjs. */
function filesHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      const bin = await readFile(join(dir, EXPORT_WEIGHTS_FILE));
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
        format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
      };
    },
  };
}

describe.each([
  ['paper stem, output stride 16', { stride8: false, lasso: false }],
  ['dilated block 3 with lasso', { stride8: true, lasso: true }],
])('exportLayersModel: %s', (label, extra) => {
  it('loads in plain tfjs-layers and reproduces loadTrunk() features to 1e-4', async () => {
    const run = join(root, label.replace(/\W+/g, '-'));
    await trainTiny(run, extra);
    const out = join(run, 'layers-model');
    const result = await exportLayersModel(run, out);
    expect(result.lasso).toBe(extra.lasso);
    expect(await readdir(out)).toEqual(['model.json', EXPORT_WEIGHTS_FILE].sort());
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8')) as { format: string; modelTopology: { config: { layers: Array<{ class_name: string }> } } };
    expect(json.format).toBe('layers-model');
    const classes = new Set(json.modelTopology.config.layers.map((l) => l.class_name));
    for (const c of classes) expect(['InputLayer', 'Conv2D', 'BatchNormalization', 'Activation', 'MaxPooling2D', 'Add', 'DepthwiseConv2D']).toContain(c);

    const start = tf.memory().numTensors;
    const model = await tfl.loadLayersModel(filesHandler(out));
    const trunk = await loadTrunk(run);
    const images = tf.randomUniform([2, 40, 36, 3], -1, 1, 'float32', 7);
    const expected = trunk.features(images as tf.Tensor4D);
    const actual = model.predict(images) as tf.Tensor;
    expect(actual.shape).toEqual(expected.shape);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0] as number);
    const scale = tf.tidy(() => tf.max(tf.abs(expected)).dataSync()[0] as number);
    expect(scale).toBeGreaterThan(0.1);
    expect(diff).toBeLessThan(1e-4 * Math.max(1, scale));
    tf.dispose([images, expected, actual]);
    trunk.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('exportLayersModel: invalid input', () => {
  it('names a folder that holds no checkpoint', async () => {
    await expect(exportLayersModel(join(root, 'nothing-here'), join(root, 'x'))).rejects.toThrow(/nothing-here.*model\.json/);
  });
});
