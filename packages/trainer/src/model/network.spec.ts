import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { TASKS } from '@mtssl/core';
import { MultiTaskNet } from './network';
import { resolveModelOptions, featureSide, outputStride } from './config';
import { forwardContext, disposeStatUpdates } from './context';
import { ensureGradients } from '@mtssl/tfjs-wasm-training';
import { subsample } from './subsample';
import { disposeRandomBatch, randomBatch } from './random-batch';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ensureGradients();
});

describe('MultiTaskNet (tiny, cpu)', () => {
  const options = resolveModelOptions('tiny', { numBins: 10, rpPatchSize: 32 });
  let net: MultiTaskNet;
  beforeAll(() => {
    net = new MultiTaskNet(options, TASKS);
  });
  afterAll(() => net.dispose());

  it('gives every head the shape its task needs', () => {
    const start = tf.memory().numTensors;
    const sizes = { batchSize: 2, side: 32, targetSide: featureSide(32, options), numBins: 10 };
    const expected: Record<string, number[]> = {
      'relative-position': [2, 8],
      colorization: [2, 2, 2, 10],
      exemplar: [6, options.heads.unit2Out],
      motion: [2, 2, 2, 1],
    };
    for (const task of TASKS) {
      const batch = randomBatch(task, sizes);
      const out = tf.tidy(() => net.forward(forwardContext(net.params, false), batch));
      expect(out.shape).toEqual(expected[task]);
      out.dispose();
      disposeRandomBatch(batch);
    }
    expect(tf.memory().numTensors).toBe(start);
  });

  it('computes a finite loss and accuracy in training mode for every task', () => {
    const sizes = { batchSize: 2, side: 32, targetSide: 2, numBins: 10 };
    for (const task of TASKS) {
      const batch = randomBatch(task, sizes);
      const ctx = forwardContext(net.params, true);
      const [loss, acc] = tf.tidy(() => {
        const r = net.loss(ctx, batch, 0);
        return [r.loss.dataSync()[0] as number, (r.metrics['accuracy'] as tf.Scalar).dataSync()[0] as number];
      });
      expect(Number.isFinite(loss)).toBe(true);
      expect(acc).toBeGreaterThanOrEqual(0);
      expect(acc).toBeLessThanOrEqual(1);
      expect(ctx.statUpdates.length).toBeGreaterThan(0);
      disposeStatUpdates(ctx.statUpdates);
      disposeRandomBatch(batch);
    }
  });

  it('creates the same initial weights for the same seed', () => {
    const other = new MultiTaskNet(options, ['motion']);
    const a = net.params.select(['trunk/block3/unit1/conv2/kernel'])[0] as tf.Variable;
    const b = other.params.select(['trunk/block3/unit1/conv2/kernel'])[0] as tf.Variable;
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    other.dispose();
  });
});

describe('stride 8 and dilation', () => {
  it('runs block 3 dilated at output stride 8 with gradients', () => {
    const options = resolveModelOptions('tiny', { stride8: true, numBins: 4 });
    const net = new MultiTaskNet(options, ['motion']);
    const start = tf.memory().numTensors;
    const batch = randomBatch('motion', { batchSize: 2, side: 24, targetSide: 3, numBins: 4 });
    const ctx = forwardContext(net.params, true);
    const { value, grads } = tf.variableGrads(() => net.loss(ctx, batch, 0).loss, net.trainableFor('motion'));
    const kernel = net.params.select(['trunk/block3/unit1/conv2/kernel'])[0] as tf.Variable;
    const dilated = grads[kernel.name] as tf.Tensor;
    expect(dilated.shape).toEqual([3, 3, 16, 16]);
    expect(tf.tidy(() => tf.sum(tf.abs(dilated)).dataSync()[0])).toBeGreaterThan(0);
    tf.dispose([value, ...Object.values(grads)]);
    disposeStatUpdates(ctx.statUpdates);
    disposeRandomBatch(batch);
    expect(tf.memory().numTensors).toBe(start);
    net.dispose();
  });

  it('maps input sides to feature sides', () => {
    expect(featureSide(64, resolveModelOptions('tiny', { stride8: true }))).toBe(8);
    expect(featureSide(64, resolveModelOptions('tiny'))).toBe(4);
    expect(featureSide(36, resolveModelOptions('tiny'))).toBe(3);
  });
});

describe('subsample', () => {
  it('picks what a 1x1 max pool with same padding picks, for even and odd sides', () => {
    for (const side of [4, 5]) {
      const diff = tf.tidy(() => {
        const x = tf.randomNormal([2, side, side + 1, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
        return tf.max(tf.abs(tf.sub(subsample(x, 2), tf.maxPool(x, 1, 2, 'same')))).dataSync()[0];
      });
      expect(diff).toBe(0);
    }
  });
});

describe('parameter counts', () => {
  it('gives the probe preset about 3.44 M trunk parameters', () => {
    const net = new MultiTaskNet(resolveModelOptions('probe'), []);
    const trunk = net.parameterCount(['trunk/']);
    net.dispose();
    expect(trunk / 1e6).toBeCloseTo(3.44, 1);
  });
});

describe('resolveModelOptions (invalid parameters)', () => {
  it('rejects bad values with the option name', () => {
    expect(() => resolveModelOptions('huge' as 'tiny')).toThrow('preset must be one of');
    expect(() => resolveModelOptions('tiny', { units: [1, 0, 1] })).toThrow('units[1] must be a positive integer, got 0');
    expect(() => resolveModelOptions('tiny', { widths: [16, 30, 64] })).toThrow('widths[1] must be a multiple of 4');
    expect(() => resolveModelOptions('tiny', { numBins: -1 })).toThrow('numBins must be a positive integer, got -1');
    expect(() => resolveModelOptions('tiny', { colour: 1 } as object)).toThrow('unknown option "colour"');
    expect(() => resolveModelOptions('tiny', { heads: { fc: 0 } as never })).toThrow('heads.fc must be a positive integer, got 0');
    expect(() => resolveModelOptions('small', { stemStride: 3 })).toThrow('stemStride must be 1 or 2, got 3');
    expect(() => resolveModelOptions('small', { stemPool: 'no' as never })).toThrow('stemPool must be');
  });
});

describe('small preset (32-px images)', () => {
  const options = resolveModelOptions('small', { numBins: 10 });

  it('keeps an 8x8 block-3 map at 32 px (output stride 4) and 6x6 for 24-px patches', () => {
    expect(outputStride(options)).toBe(4);
    expect(featureSide(32, options)).toBe(8);
    expect(featureSide(24, options)).toBe(6);
    const net = new MultiTaskNet(options, []);
    const start = tf.memory().numTensors;
    const blocks = tf.tidy(() => net.blockFeatures(forwardContext(net.params, false), tf.zeros([2, 32, 32, 3]) as tf.Tensor4D, 'eval'));
    expect(blocks.map((b) => b.shape)).toEqual([
      [2, 8, 8, options.widths[0]],
      [2, 8, 8, options.widths[1]],
      [2, 8, 8, options.widths[2]],
    ]);
    tf.dispose(blocks);
    expect(tf.memory().numTensors).toBe(start);
    net.dispose();
  });

  it('reads options written before the stem options existed as the paper stem', () => {
    const old = { ...resolveModelOptions('tiny') } as Partial<Record<string, unknown>>;
    delete old['stemStride'];
    delete old['stemPool'];
    expect(outputStride(old as never)).toBe(outputStride(resolveModelOptions('tiny')));
    expect(featureSide(64, old as never)).toBe(4);
  });
});

describe('a disposed network', () => {
  it('refuses to run instead of quietly rebuilding itself from its initial values', () => {
    const net = new MultiTaskNet(resolveModelOptions('tiny'), ['motion']);
    net.dispose();
    expect(() => tf.tidy(() => net.features(forwardContext(net.params, false), tf.zeros([1, 16, 16, 3]), 'eval'))).toThrow(/requested after the network was disposed/);
  });
});
