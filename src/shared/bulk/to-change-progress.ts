/* Progress as a person counts it: the customers a run still had to change when counting began,
 * not those settled without a request (already there, not accessible, changed since by someone
 * else, or done before a continue). Customers cancelled since are not "done": the count stops
 * where the sending stopped. One rule for the app's progress bar and the CLI's. Pure. */
import type { RunItem, RunProgress } from './types';

export interface ToChangeProgress {
  done: number;
  total: number;
  percent: number;
}

/** What was already settled when counting began. */
export interface CountingBaseline {
  settled: number;
  cancelled: number;
}

const LEFT_ALONE = new Set<RunItem['outcome']>(['alreadyInState', 'notAccessible', 'skipped']);

/** The app's baseline: items the run settled without a request when it was created. */
export const baselineOfRun = (items: readonly Pick<RunItem, 'outcome' | 'attempts'>[]): CountingBaseline => ({
  settled: items.filter((i) => i.attempts === 0 && LEFT_ALONE.has(i.outcome)).length,
  cancelled: 0,
});

/** The CLI's baseline: everything settled when this command took the run over (a continue counts only its own work). */
export const baselineOfProgress = (progress: RunProgress): CountingBaseline => ({ settled: progress.done, cancelled: progress.counts.cancelled });

export function toChangeProgress(progress: RunProgress, baseline: CountingBaseline): ToChangeProgress {
  const total = Math.max(0, progress.counts.total - baseline.settled);
  const cancelledSince = progress.counts.cancelled - baseline.cancelled;
  const done = Math.min(total, Math.max(0, progress.done - baseline.settled - cancelledSince));
  return { done, total, percent: total === 0 ? 100 : Math.round((done / total) * 100) };
}
