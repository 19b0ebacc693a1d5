/* Starting a confirmed plan (bulk tab and the one-customer flow): the request carries the
 * return-by chosen in the confirm dialog (runs to staging only), resolved at this moment; once
 * a run has started the choice is cleared, so the next confirmation starts without one. */
import type { BulkPlan } from '../../../shared/bulk/types';
import { checkReturnBy } from '../../../shared/staging-now';
import { useEvoMutation } from '../../app/hooks';
import { useUiStore, type ReturnByChoice } from '../../app/ui-store';

/** The ISO time a choice means now (null: none, or not a time). */
export function resolveReturnBy(choice: ReturnByChoice, now: number = Date.now()): string | null {
  if (choice.kind === 'in') return new Date(now + choice.ms).toISOString();
  if (choice.kind === 'at') {
    const at = new Date(choice.local).getTime();
    return Number.isNaN(at) ? null : new Date(at).toISOString();
  }
  return null;
}

/** Why the choice cannot be confirmed (null: it can), with the rule main applies (checkReturnBy). */
export function returnByProblem(choice: ReturnByChoice, now: number = Date.now()): string | null {
  if (choice.kind !== 'at') return null;
  const resolved = resolveReturnBy(choice, now);
  if (resolved === null) return 'Choose a date and time, or "No return time".';
  const checked = checkReturnBy(resolved, new Date(now));
  return 'error' in checked ? checked.error : null;
}

/** The bulk:start request for a confirmed plan. */
export function startRequest(plan: BulkPlan): { planId: string; returnBy?: string } {
  const returnBy = plan.target === 'staging' ? resolveReturnBy(useUiStore.getState().returnBy) : null;
  return returnBy ? { planId: plan.id, returnBy } : { planId: plan.id };
}

type StartOptions = NonNullable<Parameters<typeof useEvoMutation<'bulk:start'>>[1]>;

export function useStartRun(options: StartOptions = {}) {
  const setReturnBy = useUiStore((s) => s.setReturnBy);
  return useEvoMutation('bulk:start', {
    ...options,
    onSuccess: (answer, ...rest) => {
      if (answer.runId) setReturnBy({ kind: 'none' });
      return options.onSuccess?.(answer, ...rest);
    },
  });
}
