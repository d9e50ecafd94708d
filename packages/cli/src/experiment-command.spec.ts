// experiment: its flags' errors name the flag and the problem.
import { EXPERIMENT_COMMAND, experimentOptions } from './experiment-command';

const parseExperimentArgs = (argv: string[]) => EXPERIMENT_COMMAND.parse(argv);

describe('experiment flags', () => {
  it('rejects unknown rows, bad steps and conflicting test sets', () => {
    expect(() => parseExperimentArgs(['--rows', 'rp,nope'])).toThrow('rows must be a comma-separated subset');
    expect(() => parseExperimentArgs(['--steps', '0'])).toThrow('--steps: must be >= 1');
    expect(() => parseExperimentArgs(['--seeds', '0'])).toThrow('--seeds: must be >= 1');
    expect(() => parseExperimentArgs(['--validate', '--test-manifest', 'x.json'])).toThrow('--validate and --test-manifest exclude each other');
    expect(() => parseExperimentArgs(['--bogus'])).toThrow("Unknown option '--bogus'");
  });
});

describe('experiment flags to pipeline options', () => {
  it('maps each flag to its option, keeps the flags for results.json, and leaves unset ones to the pipeline', () => {
    const a = parseExperimentArgs(['--steps', '5', '--jobs', '2', '--rows', 'rp,all', '--task-weights', 'motion=2', '--no-winograd', '--batch-size', '8']);
    const o = experimentOptions(a);
    expect(o).toMatchObject({ steps: 5, jobs: 2, rows: ['rp', 'all'], batchSize: 8, winograd: false, wasmThreads: 'auto', seeds: 3, epochs: 1 });
    expect(o.schedule).toEqual({ interleave: 'weighted', taskWeights: { motion: 2 } });
    expect(o.learningRate).toBeUndefined();
    expect(o.invocation).toBe(a);
    expect(Object.keys(a).slice(0, 3)).toEqual(['manifest', 'validate', 'preset']);
  });
});
