import { OptionError } from '@mtssl/core';
import { EXEMPLAR_DEFAULTS, EXEMPLAR_PRESETS, resolveExemplarOptions } from './options';

describe('exemplar options', () => {
  it('has frozen defaults and valid presets', () => {
    expect(Object.isFrozen(EXEMPLAR_DEFAULTS)).toBe(true);
    for (const preset of Object.values(EXEMPLAR_PRESETS)) expect(() => resolveExemplarOptions(preset)).not.toThrow();
    expect(resolveExemplarOptions(EXEMPLAR_PRESETS.paper)).toMatchObject({ resizeTo: 256, patchSize: 96 });
  });

  describe('invalid parameters', () => {
    const cases: Array<[string, object, string]> = [
      ['negative patch', { patchSize: -3 }, 'patchSize must be a positive integer, got -3'],
      ['zero resize', { resizeTo: 0 }, 'resizeTo must be a positive integer, got 0'],
      ['resize below patch', { resizeTo: 20, patchSize: 32 }, 'resizeTo must be at least patchSize = 32, got 20'],
      ['no seeds', { seedsPerImage: 0 }, 'seedsPerImage must be a positive integer, got 0'],
      ['strength above 1', { augmentStrength: 1.5 }, 'augmentStrength must be a number in [0, 1], got 1.5'],
      ['negative rotation', { rotate: -5 }, 'rotate must be a number in [0, 180], got -5'],
      ['hue over half a turn', { hue: 0.7 }, 'hue must be a number in [0, 0.5], got 0.7'],
      ['NaN scale', { scale: Number.NaN }, 'scale must be a number in [0, 2], got NaN'],
      ['string contrast', { contrast: '1' }, 'contrast must be a number in [0, 4], got "1"'],
      ['non-boolean harmonize', { harmonize: 'yes' }, 'harmonize must be a boolean, got "yes"'],
      ['misspelled key', { patch: 3 }, 'unknown option "patch"'],
    ];
    it.each(cases)('rejects %s', (_name, options, message) => {
      expect(() => resolveExemplarOptions(options)).toThrow(OptionError);
      expect(() => resolveExemplarOptions(options)).toThrow(message);
    });
  });
});
