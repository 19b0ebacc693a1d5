/* Preparing a bulk plan from anywhere (the table's bulk bar, the bulk tab): the plan is server
 * data, so it goes into React Query under its 'bulk:getPlan' key; the ui-store keeps only its
 * id, and the bulk tab shows it. */
import { useIsMutating, useQueryClient } from '@tanstack/react-query';
import { evoQueryKey, useEvoMutation, useEvoQuery } from '../../app/hooks';
import { useConsoleStore } from '../../app/console-store';
import { useUiStore } from '../../app/ui-store';
import { useWriteBlockedReason } from '../offline/use-connectivity';

export function usePreparePlan() {
  const client = useQueryClient();
  const setPendingPlanId = useUiStore((s) => s.setPendingPlanId);
  const setDetailTab = useConsoleStore((s) => s.setDetailTab);
  return useEvoMutation('bulk:plan', {
    // Planning progress shows in the bulk tab.
    onMutate: () => setDetailTab('bulk'),
    onSuccess: (plan) => {
      client.setQueryData(evoQueryKey('bulk:getPlan', { planId: plan.id }), plan);
      setPendingPlanId(plan.id);
      setDetailTab('bulk');
    },
  });
}

/** True while a plan is being prepared by any screen (its progress shows in the bulk tab). */
export function useIsPlanning(): boolean {
  return useIsMutating({ mutationKey: ['bulk:plan'] }) > 0;
}

/** Why a routing change cannot be asked for now (null: it can): writes are blocked (offline, signed
 *  out), or a plan is being prepared — main prepares one at a time, and a new one would stop it. */
export function useRoutingChangeBlockedReason(): string | null {
  const blocked = useWriteBlockedReason();
  const planning = useIsPlanning();
  return blocked ?? (planning ? 'A plan is being prepared: wait for it, or stop it first.' : null);
}

/** The plan under review (null when none). */
export function usePendingPlan() {
  const planId = useUiStore((s) => s.pendingPlanId);
  return useEvoQuery('bulk:getPlan', [{ planId: planId ?? '' }], { enabled: planId !== null, staleTime: Infinity });
}
