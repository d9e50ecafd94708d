import { availableParallelism } from 'node:os';
import { resolveWasmThreads, scheduleOptions } from './args';
import { parseExperimentArgs } from './experiment';
import { trainCommand } from './train-command';

describe('--wasm-threads', () => {
  const cores = Math.min(8, availableParallelism());

  it('auto uses every core for the cpu and paper presets, from shards or live, else one; a number is kept', () => {
    expect(resolveWasmThreads('auto', 'paper')).toBe(cores);
    expect(resolveWasmThreads('auto', 'cpu')).toBe(cores);
    expect(resolveWasmThreads('auto', 'tiny')).toBe(1);
    expect(resolveWasmThreads(3, 'cpu')).toBe(3);
  });

  it.each(['0', '9', 'two'])('rejects %s with the flag named', async (value) => {
    await expect(trainCommand(['--wasm-threads', value], new AbortController().signal, () => undefined)).rejects.toThrow('--wasm-threads');
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
    await expect(trainCommand(['--task-weights', 'motion=2', '--interleave', 'round-robin'], new AbortController().signal, () => undefined)).rejects.toThrow(
      'excludes --interleave round-robin',
    );
  });
});

describe('--task-lr-scale', () => {
  it('parses task=factor pairs into the trainer\'s taskLrScale', () => {
    expect(scheduleOptions(parseExperimentArgs(['--task-lr-scale', 'exemplar=0.3']))).toEqual({ taskLrScale: { exemplar: 0.3 } });
  });

  it.each(['exemplar=0', 'exemplar=-2', 'jigsaw=1'])('rejects %s (factors must be > 0)', (value) => {
    expect(() => parseExperimentArgs(['--task-lr-scale', value])).toThrow(`--task-lr-scale: expected task=value pairs`);
  });
});
