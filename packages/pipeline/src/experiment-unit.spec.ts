import { scheduleFor, segmentEnds } from './experiment-unit';

describe('scheduleFor', () => {
  const schedule = { lrSchedule: 'cosine' as const, interleave: 'weighted' as const, taskWeights: { colorization: 5 }, taskLrScale: { exemplar: 0.3 } };

  it('keeps a task mix for a row of several tasks', () => {
    expect(scheduleFor(schedule, ['relative-position', 'colorization'])).toEqual(schedule);
  });

  it('drops it for a single-task row, keeping the rest', () => {
    expect(scheduleFor(schedule, ['motion'])).toEqual({ lrSchedule: 'cosine' });
  });
});

describe('segmentEnds', () => {
  it('splits a run into equal segments ending at its last step', () => {
    expect(segmentEnds(100, 4)).toEqual([25, 50, 75, 100]);
    expect(segmentEnds(3, 4)).toEqual([1, 2, 3]);
  });
});
