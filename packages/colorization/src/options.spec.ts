import { COLORIZATION_DEFAULTS, COLORIZATION_PRESETS, resolveColorizationOptions } from './options';
import { colorizationSchema } from './schema';

describe('resolveColorizationOptions', () => {
  it('fills targetSize as inputSize / 8 for every preset', () => {
    expect(resolveColorizationOptions().targetSize).toBe(8);
    expect(resolveColorizationOptions(COLORIZATION_PRESETS.tiny).targetSize).toBe(4);
    expect(resolveColorizationOptions(COLORIZATION_PRESETS.paper).targetSize).toBe(32);
    expect(resolveColorizationOptions({ inputSize: 30, targetSize: 10 }).targetSize).toBe(10);
    expect(Object.isFrozen(COLORIZATION_DEFAULTS)).toBe(true);
  });

  it('gives a schema matching the contract', () => {
    const schema = colorizationSchema(resolveColorizationOptions(COLORIZATION_PRESETS.tiny));
    expect(schema.fields.map((f) => [f.name, f.dtype, f.shape])).toEqual([
      ['input', 'uint8', [32, 32, 1]],
      ['ab_bins', 'int32', [4, 4, 5]],
      ['ab_weights', 'float32', [4, 4, 5]],
      ['sample_weight', 'float32', [1]],
    ]);
    expect(schema.attributes).toMatchObject({ inputSize: 32, targetSize: 4, numBins: 313, softK: 5 });
  });

  describe('invalid parameters', () => {
    it.each([
      [{ inputSize: -3 }, 'inputSize must be a positive integer, got -3'],
      [{ inputSize: 30 }, 'inputSize must be a multiple of 8 when targetSize is left out, got 30'],
      [{ targetSize: 0 }, 'targetSize must be a positive integer, got 0'],
      [{ targetSize: 100 }, 'targetSize must be at most inputSize (64), got 100'],
      [{ softK: 0 }, 'softK must be a positive integer, got 0'],
      [{ softK: 40 }, 'softK must be at most 32, got 40'],
      [{ softSigma: 0 }, 'softSigma must be a number in'],
      [{ minCropScale: 2 }, 'minCropScale must be a number in [0.05, 1], got 2'],
      [{ flip: 'yes' }, 'flip must be a boolean, got "yes"'],
      [{ minImageSize: 1.5 }, 'minImageSize must be a positive integer, got 1.5'],
      [{ grayscale: 'drop' }, 'grayscale must be one of "skip", "down-weight", got "drop"'],
      [{ grayscaleWeight: -1 }, 'grayscaleWeight must be a number in [0, 1], got -1'],
      [{ patchSize: 3 }, 'unknown option "patchSize"'],
    ])('rejects %j', (options, message) => {
      expect(() => resolveColorizationOptions(options as never)).toThrow(message);
    });
  });
});
