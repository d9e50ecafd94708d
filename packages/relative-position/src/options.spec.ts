import { OptionError } from '@mtssl/core';
import {
  RELATIVE_POSITION_DEFAULTS,
  RELATIVE_POSITION_PRESETS,
  resolveRelativePositionOptions,
} from './options';

describe('relative-position options', () => {
  it('has frozen defaults and valid presets', () => {
    expect(Object.isFrozen(RELATIVE_POSITION_DEFAULTS)).toBe(true);
    for (const preset of Object.values(RELATIVE_POSITION_PRESETS)) {
      expect(() => resolveRelativePositionOptions(preset)).not.toThrow();
    }
    expect(resolveRelativePositionOptions(RELATIVE_POSITION_PRESETS.paper)).toMatchObject({ patchSize: 96, gap: 48 });
  });

  describe('invalid parameters', () => {
    const cases: Array<[string, object, string]> = [
      ['negative patch', { patchSize: -3 }, 'patchSize must be a positive integer, got -3'],
      ['fractional gap', { gap: 1.5 }, 'gap must be a non-negative integer, got 1.5'],
      ['negative jitter', { jitter: -1 }, 'jitter must be a non-negative integer, got -1'],
      ['jitter over half the gap', { gap: 16, jitter: 9 }, 'jitter must be at most gap / 2 = 8, got 9'],
      ['unknown guard', { chromaGuard: 'blur' }, 'chromaGuard must be one of "none", "drop", "project", "gray", got "blur"'],
      ['non-boolean harmonize', { harmonize: 1 }, 'harmonize must be a boolean, got 1'],
      ['short side below the grid', { shortSide: 100 }, 'shortSide must be at least 3 cells of 48 px = 144, got 100'],
      ['zero short side', { shortSide: 0 }, 'shortSide must be a positive integer, got 0'],
      ['upscale below 1', { maxUpscale: 0.5 }, 'maxUpscale must be a number in [1, 16], got 0.5'],
      ['misspelled key', { patch_size: 3 }, 'unknown option "patch_size"'],
    ];
    it.each(cases)('rejects %s', (_name, options, message) => {
      expect(() => resolveRelativePositionOptions(options)).toThrow(OptionError);
      expect(() => resolveRelativePositionOptions(options)).toThrow(message);
    });
  });
});
