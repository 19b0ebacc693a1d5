/* What History derives from the journal's list of runs: whether a saved plan was applied, and
 * the filter by customer, user and date (which run undid which: shared/bulk/undo.ts). Pure. */
import { planIsStale } from '../../../shared/bulk/plan-logic';
import type { PlanSummary, RunRecord } from '../../../shared/bulk/types';

export type SavedPlanStatus = 'applied' | 'notApplied' | 'expired';

export function savedPlanStatus(plan: Pick<PlanSummary, 'id' | 'createdAt'>, runs: readonly RunRecord[], nowMs: number): SavedPlanStatus {
  if (runs.some((r) => r.kind === 'apply' && r.planId === plan.id)) return 'applied';
  return planIsStale(plan, nowMs) ? 'expired' : 'notApplied';
}

export interface RunFilter {
  /** Runs that included the customer typed (from main), or null: no customer filter. */
  customerRunIds: ReadonlySet<string> | null;
  /** The user's email, or '' for everyone. */
  user: string;
  /** Local dates (yyyy-mm-dd) the run started on or after / on or before; '' for no bound. */
  from: string;
  to: string;
}

export const NO_FILTER: RunFilter = { customerRunIds: null, user: '', from: '', to: '' };

/** yyyy-mm-dd of an ISO time in the local time zone (what a date input shows). */
function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function filterRuns(runs: readonly RunRecord[], filter: RunFilter): RunRecord[] {
  return runs.filter((run) => {
    if (filter.customerRunIds && !filter.customerRunIds.has(run.id)) return false;
    if (filter.user && run.identity.userEmail !== filter.user) return false;
    const day = localDay(run.startedAt ?? run.createdAt);
    if (filter.from && day < filter.from) return false;
    if (filter.to && day > filter.to) return false;
    return true;
  });
}

/** Users who ran something, for the user filter. */
export const runUsers = (runs: readonly RunRecord[]): string[] => [...new Set(runs.map((r) => r.identity.userEmail).filter((e): e is string => e !== null))].sort();
