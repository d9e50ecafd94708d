import { checkLrSchedule, learningRateAt, type LrScheduleOptions } from './lr-schedule';

const cosine: LrScheduleOptions = { schedule: 'cosine', base: 0.1, warmupSteps: 10, horizon: 110 };

describe('learningRateAt', () => {
  it('warms up linearly, reaching the base rate at the last warm-up step', () => {
    expect(learningRateAt(0, cosine)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(4, cosine)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(9, cosine)).toBeCloseTo(0.1, 12);
  });

  it('decays by a half cosine from the base rate to zero at the horizon', () => {
    expect(learningRateAt(10, cosine)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(60, cosine)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(110, cosine)).toBeCloseTo(0, 12);
    expect(learningRateAt(500, cosine)).toBeCloseTo(0, 12);
    const rates = Array.from({ length: 100 }, (_, i) => learningRateAt(10 + i, cosine));
    rates.slice(1).forEach((r, i) => expect(r).toBeLessThan(rates[i] as number));
  });

  it('keeps the constant schedule at the base rate after any warm-up', () => {
    const constant: LrScheduleOptions = { schedule: 'constant', base: 0.02, warmupSteps: 0, horizon: 5 };
    expect([0, 3, 5, 1000].map((s) => learningRateAt(s, constant))).toEqual([0.02, 0.02, 0.02, 0.02]);
    expect(learningRateAt(1, { ...constant, warmupSteps: 4 })).toBeCloseTo(0.01, 12);
  });

  it('is a function of the step alone, so a resumed or segmented run follows the same curve', () => {
    const whole = Array.from({ length: 110 }, (_, s) => learningRateAt(s, cosine));
    const segments = [...Array.from({ length: 40 }, (_, s) => learningRateAt(s, cosine)), ...Array.from({ length: 70 }, (_, s) => learningRateAt(40 + s, cosine))];
    expect(segments).toEqual(whole);
  });
});

describe('checkLrSchedule: invalid parameters', () => {
  it('names the option and the bad value', () => {
    expect(() => checkLrSchedule({ ...cosine, schedule: 'step' as never })).toThrow('lrSchedule');
    expect(() => checkLrSchedule({ ...cosine, warmupSteps: -1 })).toThrow('warmupSteps must be a non-negative integer, got -1');
    expect(() => checkLrSchedule({ ...cosine, horizon: 0 })).toThrow('scheduleSteps must be a positive integer, got 0');
    expect(() => checkLrSchedule({ ...cosine, warmupSteps: 110 })).toThrow('warmupSteps must be below scheduleSteps for the cosine schedule, got 110 >= 110');
  });
});
