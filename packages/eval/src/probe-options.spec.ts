import { PROBE_DEFAULTS, PROBE_PRESETS, resolveProbeOptions } from './probe-options';

describe('resolveProbeOptions', () => {
  it('fills defaults and freezes', () => {
    const o = resolveProbeOptions({ epochs: 5 });
    expect(o).toEqual({ ...PROBE_DEFAULTS, epochs: 5 });
    expect(Object.isFrozen(o)).toBe(true);
    expect(Object.isFrozen(PROBE_DEFAULTS)).toBe(true);
    expect(resolveProbeOptions(PROBE_PRESETS.tiny).epochs).toBe(100);
  });
  describe('invalid parameters', () => {
    it.each([
      [{ epochs: 0 }, 'epochs must be a positive integer, got 0'],
      [{ epochs: 2.5 }, 'epochs must be a positive integer, got 2.5'],
      [{ learningRate: 0 }, 'learningRate must be a number in'],
      [{ momentum: 1 }, 'momentum must be a number in [0, 0.999], got 1'],
      [{ l2: -1 }, 'l2 must be a number in [0, 100], got -1'],
      [{ seed: 1.5 }, 'seed must be a non-negative integer, got 1.5'],
      [{ batchSize: -3 }, 'batchSize must be a positive integer, got -3'],
      [{ epoch: 3 }, 'probe options: unknown option "epoch"'],
    ])('%j', (partial, message) => {
      expect(() => resolveProbeOptions(partial as never)).toThrow(message);
    });
  });
});
