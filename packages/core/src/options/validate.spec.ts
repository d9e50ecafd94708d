import { rejectUnknownKeys, requireNumberInRange, requireOneOf, requirePositiveInt } from './validate';

describe('option validation messages', () => {
  it('names the option and the bad value', () => {
    expect(() => requirePositiveInt('patchSize', -3)).toThrow('patchSize must be a positive integer, got -3');
    expect(() => requirePositiveInt('patchSize', 2.5)).toThrow('got 2.5');
    expect(() => requirePositiveInt('patchSize', '8')).toThrow('got "8"');
    expect(requirePositiveInt('patchSize', 8)).toBe(8);
    expect(() => requireNumberInRange('strength', 1.5, 0, 1)).toThrow('strength must be a number in [0, 1], got 1.5');
    expect(() => requireOneOf('policy', 'ignore', ['skip', 'fail'])).toThrow('policy must be one of "skip", "fail", got "ignore"');
    expect(() => rejectUnknownKeys('Options', { pachSize: 1 }, ['patchSize'])).toThrow('unknown option "pachSize"');
  });
});
