/* What a run may be started with, checked before anything is read or written: its options, its
 * plan's age, its return-by time, and that it acts on the server and account it was made for.
 * Each refusal is an AppError the person can act on. Pure. */
import { AppError } from '../../shared/errors';
import { planIsStale } from '../../shared/bulk/plan-logic';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_ATTEMPTS, MAX_CONCURRENCY, MIN_CONCURRENCY, PLAN_MAX_AGE_MS, type BulkPlan, type RunIdentity, type TargetState } from '../../shared/bulk/types';
import { checkReturnBy } from '../../shared/staging-now';

export interface StartOptions {
  /** Requests at once, 1..16 (default 6). */
  concurrency?: number;
  /** Requests per item before it fails (transient errors; default 5). */
  maxAttempts?: number;
}

export type RunOptions = Required<StartOptions>;

export const invalid = (message: string) => new AppError({ kind: 'InvalidInput', operation: 'bulkStaging', message });
export const conflict = (message: string) => new AppError({ kind: 'Conflict', operation: 'bulkStaging', message });

export function runOptionsOf(options: StartOptions): RunOptions {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(concurrency) || concurrency < MIN_CONCURRENCY || concurrency > MAX_CONCURRENCY) {
    throw invalid(`Concurrency must be a whole number from ${MIN_CONCURRENCY} to ${MAX_CONCURRENCY}.`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20) throw invalid('Attempts per item must be a whole number from 1 to 20.');
  return { concurrency, maxAttempts };
}

/** Plans older than PLAN_MAX_AGE_MS are not applied: what they showed is too old to confirm. */
export function checkPlanAge(plan: Pick<BulkPlan, 'createdAt'>, now: Date): void {
  if (planIsStale(plan, now.getTime())) {
    throw conflict(`This plan was made ${plan.createdAt}, more than ${PLAN_MAX_AGE_MS / 3_600_000} hours ago; plans that old are not applied. Make a fresh plan of the same customers and confirm that.`);
  }
}

/** A return-by time: only for a run to staging, in the future, not absurdly far. */
export function returnByOf(target: TargetState, returnBy: string | null | undefined, now: Date): string | null {
  if (!returnBy) return null;
  if (target !== 'staging') throw invalid('A return-by time only applies to a move to staging.');
  const checked = checkReturnBy(returnBy, now);
  if ('error' in checked) throw invalid(checked.error);
  return checked.returnBy;
}

/** A plan or run made against one server/account must not be applied to another. */
export function checkSameTarget(recorded: RunIdentity, current: RunIdentity): void {
  if (recorded.serverUrl && current.serverUrl && recorded.serverUrl !== current.serverUrl) {
    throw conflict(`This was made on ${recorded.serverUrl}, but the console is connected to ${current.serverUrl}. Switch server first.`);
  }
  if (recorded.accountId && current.accountId && recorded.accountId !== current.accountId) {
    throw conflict(`This was made for account ${recorded.accountName ?? recorded.accountId}, but the active account is ${current.accountName ?? current.accountId}. Switch account first.`);
  }
}
