// The shared flag schemas as the commands use them: --wasm-threads, and the schedule flags' task=value pairs.
import { EXPERIMENT_COMMAND } from './experiment-command';
import { scheduleOptions } from './schedule-flags';
import { TRAIN_COMMAND, trainOptions } from './train-command';

const parseExperimentArgs = (argv: string[]) => EXPERIMENT_COMMAND.parse(argv);
const trainCommand = (argv: string[]) => TRAIN_COMMAND.run(argv, new AbortController().signal, () => undefined);

describe('--wasm-threads', () => {
  it.each(['0', '9', 'two'])('rejects %s with the flag named', async (value) => {
    await expect(trainCommand(['--wasm-threads', value])).rejects.toThrow('--wasm-threads');
  });

  it('passes auto or a number to the pipeline', () => {
    expect(trainOptions(TRAIN_COMMAND.parse([])).wasmThreads).toBe('auto');
    expect(trainOptions(TRAIN_COMMAND.parse(['--wasm-threads', '3'])).wasmThreads).toBe(3);
  });
});

describe('--task-weights', () => {
  it('parses task=weight pairs into the weighted interleave', () => {
    const a = parseExperimentArgs(['--task-weights', 'colorization=3, motion=0.5']);
    expect(scheduleOptions(a)).toEqual({ interleave: 'weighted', taskWeights: { colorization: 3, motion: 0.5 } });
    expect(scheduleOptions(parseExperimentArgs([]))).toEqual({});
  });

  it.each([
    ['color=3', 'got "color=3"'],
    ['colorization', 'got "colorization"'],
    ['colorization=-1', 'got "colorization=-1"'],
    ['colorization=x', 'got "colorization=x"'],
    ['colorization=1=2', 'got "colorization=1=2"'],
    [',', 'at least one task=value pair'],
  ])('rejects %s with the flag and the part named', (value, message) => {
    expect(() => parseExperimentArgs(['--task-weights', value])).toThrow(`--task-weights: expected`);
    expect(() => parseExperimentArgs(['--task-weights', value])).toThrow(message);
  });

  it('train rejects it beside --interleave round-robin', async () => {
    await expect(trainCommand(['--task-weights', 'motion=2', '--interleave', 'round-robin'])).rejects.toThrow('excludes --interleave round-robin');
  });

  it('train passes --interleave alone into the schedule', () => {
    expect(trainOptions(TRAIN_COMMAND.parse(['--interleave', 'weighted'])).schedule).toEqual({ interleave: 'weighted' });
    expect(trainOptions(TRAIN_COMMAND.parse(['--task-weights', 'motion=2', '--interleave', 'weighted'])).schedule).toEqual({ interleave: 'weighted', taskWeights: { motion: 2 } });
  });
});

describe('--task-lr-scale', () => {
  it("parses task=factor pairs into the trainer's taskLrScale", () => {
    expect(scheduleOptions(parseExperimentArgs(['--task-lr-scale', 'exemplar=0.3']))).toEqual({ taskLrScale: { exemplar: 0.3 } });
  });

  it.each(['exemplar=0', 'exemplar=-2', 'jigsaw=1'])('rejects %s (factors must be > 0)', (value) => {
    expect(() => parseExperimentArgs(['--task-lr-scale', value])).toThrow(`--task-lr-scale: expected task=value pairs`);
  });
});

describe('--trunk-grad-norm', () => {
  it("sets the trainer's trunkGradNorm for train and experiment", () => {
    expect(scheduleOptions(parseExperimentArgs(['--trunk-grad-norm', '0.5']))).toEqual({ trunkGradNorm: 0.5 });
    expect(trainOptions(TRAIN_COMMAND.parse(['--trunk-grad-norm', '2'])).schedule).toEqual({ trunkGradNorm: 2 });
    expect(scheduleOptions(parseExperimentArgs([]))).toEqual({});
  });

  it.each(['0', '-1', 'half'])('rejects %s with the flag named', (value) => {
    expect(() => parseExperimentArgs(['--trunk-grad-norm', value])).toThrow('--trunk-grad-norm');
  });
});
