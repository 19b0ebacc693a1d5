import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../../src/shared/bulk/counts';
import { baselineOfProgress, baselineOfRun, toChangeProgress } from '../../../src/shared/bulk/to-change-progress';
import type { OutcomeCounts, RunProgress } from '../../../src/shared/bulk/types';

const progress = (counts: Partial<OutcomeCounts>): RunProgress => {
  const c = { ...emptyCounts(), ...counts };
  const done = c.total - c.pending - c.inFlight;
  return { runId: 'r', state: 'running', counts: c, done, remaining: c.pending + c.inFlight, ratePerSecond: 0, etaMs: null, requestRate: null, problem: null, at: 't' };
};

describe('toChangeProgress: one count for the app and the CLI', () => {
  it('the app leaves out the customers the run settled without a request when it was created', () => {
    const items = [
      { outcome: 'alreadyInState', attempts: 0 },
      { outcome: 'notAccessible', attempts: 0 },
      { outcome: 'skipped', attempts: 0 },
      { outcome: 'changed', attempts: 1 },
      { outcome: 'pending', attempts: 0 },
    ] as const;
    const baseline = baselineOfRun(items);
    expect(baseline).toEqual({ settled: 3, cancelled: 0 });
    expect(toChangeProgress(progress({ total: 5, alreadyInState: 1, notAccessible: 1, skipped: 1, changed: 1, pending: 1 }), baseline)).toEqual({ done: 1, total: 2, percent: 50 });
  });

  it('the CLI counts only its own work on a continued run', () => {
    // 10 items: 4 settled before this command (2 already there, 2 changed by the first driver).
    const start = progress({ total: 10, alreadyInState: 2, changed: 2, pending: 6 });
    const baseline = baselineOfProgress(start);
    expect(toChangeProgress(start, baseline)).toEqual({ done: 0, total: 6, percent: 0 });
    expect(toChangeProgress(progress({ total: 10, alreadyInState: 2, changed: 5, pending: 3 }), baseline)).toEqual({ done: 3, total: 6, percent: 50 });
  });

  it('a cancel stops the count where the sending stopped: never-sent customers are not done', () => {
    const baseline = { settled: 2, cancelled: 0 };
    const cancelled = progress({ total: 12, alreadyInState: 2, changed: 3, cancelled: 7 });
    expect(toChangeProgress(cancelled, baseline)).toEqual({ done: 3, total: 10, percent: 30 });
  });

  it('a run with nothing to change is complete, not divided by zero', () => {
    expect(toChangeProgress(progress({ total: 3, alreadyInState: 3 }), { settled: 3, cancelled: 0 })).toEqual({ done: 0, total: 0, percent: 100 });
  });
});
