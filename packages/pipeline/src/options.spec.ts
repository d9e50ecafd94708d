// The pipeline's option resolvers: defaults merged (an undefined option keeps its default), and a bad
// option named in core's message format before any work starts.
import { resolveEvaluateOptions } from './evaluate-options';
import { EXPERIMENT_DEFAULTS, resolveExperimentOptions } from './experiment-options';
import { PREPROCESS_DEFAULTS, resolvePreprocessOptions } from './preprocess-options';
import { resolveTrainRunOptions, TRAIN_RUN_DEFAULTS } from './train-options';

describe('option resolvers', () => {
  it('fill in the frozen defaults, keeping a default for an option given as undefined', () => {
    expect(resolvePreprocessOptions({})).toEqual(PREPROCESS_DEFAULTS);
    expect(resolvePreprocessOptions({ epochs: undefined, seed: 4 })).toEqual({ ...PREPROCESS_DEFAULTS, seed: 4 });
    expect(resolveTrainRunOptions({ steps: 0 })).toEqual({ ...TRAIN_RUN_DEFAULTS, steps: 0 });
    expect(resolveExperimentOptions({ rows: ['rp', 'random'] }).rows).toEqual(['rp', 'random']);
    expect(resolveEvaluateOptions({ checkpoint: 'runs/x' })).toMatchObject({ checkpoint: 'runs/x', wasmThreads: 'auto', cache: '.cache/features' });
    expect(Object.isFrozen(PREPROCESS_DEFAULTS) && Object.isFrozen(TRAIN_RUN_DEFAULTS) && Object.isFrozen(EXPERIMENT_DEFAULTS)).toBe(true);
    expect(Object.isFrozen(resolvePreprocessOptions({}))).toBe(true);
  });

  describe('invalid parameters', () => {
    it.each([
      [() => resolvePreprocessOptions({ epochs: 0 }), 'epochs must be a positive integer, got 0'],
      [() => resolvePreprocessOptions({ preset: 'huge' as 'cpu' }), 'preset must be one of "tiny", "small", "cpu", "paper", got "huge"'],
      [() => resolvePreprocessOptions({ tasks: ['jigsaw' as 'motion'] }), 'tasks must be a non-empty list of relative-position, colorization, exemplar, motion, got ["jigsaw"]'],
      [() => resolvePreprocessOptions({ split: 'val' as 'all' }), 'split must be one of "all", "train", "test", got "val"'],
      [() => resolvePreprocessOptions({ manifest: '' }), 'manifest must be a non-empty string, got ""'],
      [() => resolvePreprocessOptions({ epoch: 2 } as object), 'preprocess: unknown option "epoch"'],
      [() => resolveTrainRunOptions({ wasmThreads: 9 }), 'wasmThreads must be "auto" or an integer in [1, 8], got 9'],
      [() => resolveTrainRunOptions({ learningRate: -1 }), 'learningRate must be a number in'],
      [() => resolveTrainRunOptions({ schedule: { lrSchedul: 'cosine' } as object }), 'schedule: unknown option "lrSchedul"'],
      [() => resolveTrainRunOptions({ policy: 'ignore' as 'skip' }), 'policy must be one of "skip", "fail", got "ignore"'],
      [() => resolveExperimentOptions({ rows: ['rp', 'nope'] }), 'rows must be a subset of rp, col, ex, ms, all, all-h, all-lasso, random, supervised, got ["rp","nope"]'],
      [() => resolveExperimentOptions({ validate: true, testManifest: 'x.json' }), 'validate and testManifest exclude each other'],
      [() => resolveExperimentOptions({ jobs: 0 }), 'jobs must be "auto" or an integer'],
      [() => resolveExperimentOptions({ inputSize: 4 }), 'inputSize must be an integer >= 8, got 4'],
      [() => resolveEvaluateOptions({ checkpoint: '' }), 'checkpoint must be a non-empty string, got ""'],
    ])('%#: names the option and the value', (resolve, message) => {
      expect(resolve).toThrow(message);
      try {
        resolve();
      } catch (err) {
        expect((err as Error).name).toBe('OptionError');
      }
    });
  });
});
