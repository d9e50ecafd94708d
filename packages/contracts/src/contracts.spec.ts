// The constants are formats on disk and names users type: these tests pin them, so a rename is a
// deliberate change made here too (old runs and shards are read by these names), and check they cannot
// be changed at run time by a caller.
import {
  CHECKPOINT_FORMAT, CHECKPOINT_PREFIX, EXPORT_FOLDER, LATEST_FILE, METRICS_FILE, MODEL_FILE, OPTIMIZER_FILE,
  PRESET_INPUT_SIZE, PRESET_NAMES, SAMPLE_SCHEMA_VERSION, STATE_FILE, TASKS, WEIGHTS_FILE,
} from './index';

describe('contracts', () => {
  it('names the run files as runs on disk have them', () => {
    expect([METRICS_FILE, LATEST_FILE, CHECKPOINT_PREFIX, MODEL_FILE, WEIGHTS_FILE, OPTIMIZER_FILE, STATE_FILE, EXPORT_FOLDER]).toEqual([
      'metrics.jsonl', 'latest.json', 'ckpt-', 'model.json', 'weights.bin', 'optimizer.json', 'state.json', 'layers-model',
    ]);
    expect(CHECKPOINT_FORMAT).toBe('mtssl-checkpoint');
  });

  it('lists the tasks and presets, and each preset has an input size', () => {
    expect(TASKS).toEqual(['relative-position', 'colorization', 'exemplar', 'motion']);
    expect(PRESET_NAMES).toEqual(['tiny', 'small', 'cpu', 'paper']);
    expect(PRESET_INPUT_SIZE).toEqual({ tiny: 32, small: 32, cpu: 64, paper: 224 });
  });

  it('gives every task a schema version', () => {
    expect(Object.keys(SAMPLE_SCHEMA_VERSION)).toEqual([...TASKS]);
    for (const task of TASKS) expect(SAMPLE_SCHEMA_VERSION[task]).toBe(1);
  });

  it('freezes its constants', () => {
    for (const value of [TASKS, PRESET_NAMES, PRESET_INPUT_SIZE, SAMPLE_SCHEMA_VERSION]) expect(Object.isFrozen(value)).toBe(true);
  });
});
