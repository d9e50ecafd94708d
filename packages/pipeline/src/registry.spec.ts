import { HARMONIZABLE } from '@mtssl/contracts';
import { TASKS } from '@mtssl/core';
import { harmonizedFor, hasFinalizedExtras, STREAMS, taskNeedsVideo } from './registry';

describe('stream registry', () => {
  it('maps every task to its stream', () => {
    for (const task of TASKS) expect(STREAMS[task].task).toBe(task);
  });

  it('harmonizes exactly the streams whose options have harmonize', () => {
    for (const task of TASKS) {
      const hasOption = 'harmonize' in STREAMS[task].defaults;
      expect([task, HARMONIZABLE[task]]).toEqual([task, hasOption]);
      expect(harmonizedFor(task, true)).toBe(hasOption);
      expect(harmonizedFor(task, false)).toBe(false);
    }
    expect(harmonizedFor('colorization', true)).toBe(false);
  });

  it('takes videos for motion only', () => {
    expect(TASKS.filter(taskNeedsVideo)).toEqual(['motion']);
  });

  it("asks a finished dataset for what its stream's finalize pass writes", () => {
    expect(hasFinalizedExtras('colorization', {})).toBe(false);
    expect(hasFinalizedExtras('colorization', { rebalance: [1, 2] })).toBe(true);
    expect(hasFinalizedExtras('relative-position', {})).toBe(true);
    for (const task of TASKS) expect([task, STREAMS[task].finalizedExtras === undefined]).toEqual([task, STREAMS[task].finalize === undefined]);
  });
});
