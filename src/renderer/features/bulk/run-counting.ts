/* Progress as a person counts it: the customers the run has to change, not those it left alone
 * from the start (already there, not accessible, changed since by someone else). Pure. */
import type { ItemSettled, RunItem, RunProgress } from '../../../shared/bulk/types';

const LEFT_ALONE = new Set(['alreadyInState', 'notAccessible', 'skipped']);

/** Items settled without a request when the run was created (fixed for the run's life). */
export const leftAloneAtStart = (items: readonly Pick<RunItem, 'outcome' | 'attempts'>[]): number =>
  items.filter((i) => i.attempts === 0 && LEFT_ALONE.has(i.outcome)).length;

export interface ToChangeProgress {
  done: number;
  total: number;
  percent: number;
}

export function toChangeProgress(progress: RunProgress, leftAlone: number): ToChangeProgress {
  const total = Math.max(0, progress.counts.total - leftAlone);
  const done = Math.min(total, Math.max(0, progress.done - leftAlone));
  return { done, total, percent: total === 0 ? 100 : Math.round((done / total) * 100) };
}

/** The run's failures: those in its detail (read when the screen opened), then those its events reported since. */
export function mergeFailures(fromDetail: readonly RunItem[], live: readonly ItemSettled[]): { customerId: string; name: string; message: string }[] {
  const byId = new Map<string, { customerId: string; name: string; message: string }>();
  const describe = (error: RunItem['error']) => (error ? `${error.kind}: ${error.message}` : 'failed (no reason recorded)');
  for (const i of fromDetail) if (i.outcome === 'failed') byId.set(i.customerId, { customerId: i.customerId, name: i.name || i.customerId, message: describe(i.error) });
  for (const f of live) byId.set(f.customerId, { customerId: f.customerId, name: f.name || f.customerId, message: describe(f.error) });
  return [...byId.values()];
}
