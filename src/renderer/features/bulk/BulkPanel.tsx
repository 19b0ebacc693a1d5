import { Box, Button, HStack, RadioGroup, Text } from '@chakra-ui/react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { planIsStale } from '../../../shared/bulk/plan-logic';
import { summaryOf } from '../../../shared/bulk/summary';
import { describeSubject } from '../../../shared/bulk/subject';
import type { PlanDrift, PlanProgress, PlanRequest, TargetState } from '../../../shared/bulk/types';
import { ROUTING_WORDS } from '../../../shared/routing-words';
import type { Customer } from '../../../shared/evo/schemas';
import { evoQueryKey, useEvoEvent, useEvoMutation, useEvoQuery } from '../../app/hooks';
import { useUiStore } from '../../app/ui-store';
import { ErrorCallout, plural } from '../../shared-ui';
import { useConsoleStore } from '../../app/console-store';
import { useSessionState } from '../session/use-session';
import { useIsPlanning, usePendingPlan, usePreparePlan } from './use-prepare-plan';
import { useWriteBlockedReason } from '../offline/use-connectivity';
import { ConfirmDialog } from './ConfirmDialog';
import { confirmFacts } from './confirm-facts';
import { DriftList } from './DriftList';
import { PlanView } from './PlanView';
import { ProgressView } from './ProgressView';
import { RateCeilingSetting } from './RateCeilingSetting';
import { ResultsView } from './ResultsView';
import { useLiveFailures, useRunProgress } from './use-run-progress';
import { startRequest, useStartRun } from './use-start-run';
import { baselineOfRun, toChangeProgress } from '../../../shared/bulk/to-change-progress';
import { mergeFailures } from './merge-failures';
import { canUndo, undoneBy } from '../../../shared/bulk/undo';

type Scope = 'selected' | 'subtree';

const PHASE_WORDS: Record<PlanProgress['phase'], string> = {
  resolving: 'Finding the customers',
  reading: 'Reading their routing',
  checkingAccess: 'Checking access',
};

/** Bulk staging: choose who and where, see the plan, confirm, watch, then results. */
export function BulkPanel({ currentCustomer }: { currentCustomer: Customer | null }) {
  const selectedIds = useUiStore((s) => s.selectedIds);
  const pendingPlan = usePendingPlan();
  const plan = pendingPlan.data ?? null;
  const setPlanId = useUiStore((s) => s.setPendingPlanId);
  const target = useConsoleStore((s) => s.target);
  const setTarget = useConsoleStore((s) => s.setTarget);
  const runId = useConsoleStore((s) => s.activeRunId);
  const setRunId = useConsoleStore((s) => s.setActiveRunId);
  const setView = useConsoleStore((s) => s.setView);
  const setHistoryRunId = useConsoleStore((s) => s.setHistoryRunId);
  // Until the user picks one, the scope follows what there is: the selection, else the open customer
  // (which may arrive after this panel opened).
  const [chosenScope, setScope] = useState<Scope | null>(null);
  const scope: Scope = chosenScope ?? (selectedIds.size > 0 || !currentCustomer ? 'selected' : 'subtree');
  const [confirming, setConfirming] = useState(false);
  // What changed between the plan the person confirmed and the start: the plan on screen is then
  // the fresh one, which needs its own confirmation.
  // Kept with the fresh plan's id, so any other plan on screen shows none.
  const [drift, setDrift] = useState<{ planId: string; drift: PlanDrift } | null>(null);
  const differences = plan !== null && drift?.planId === plan.id ? drift.drift : null;
  const client = useQueryClient();
  const [planProgress, setPlanProgress] = useState<PlanProgress | null>(null);
  const blocked = useWriteBlockedReason();
  const session = useSessionState().data;

  useEvoEvent(
    'bulk:planProgress',
    useCallback((p: PlanProgress) => setPlanProgress(p), []),
  );
  const makePlan = usePreparePlan();
  const planning = useIsPlanning();
  const routingChangeOpen = useUiStore((s) => s.routingChange !== null);
  const cancelPlan = useEvoMutation('bulk:cancelPlan');
  const start = useStartRun({
    onSuccess: (answer) => {
      if (answer.drifted) {
        const { fresh, drift } = answer.drifted;
        client.setQueryData(evoQueryKey('bulk:getPlan', { planId: fresh.id }), fresh);
        setPlanId(fresh.id);
        setDrift({ planId: fresh.id, drift });
        setConfirming(fresh.counts.toChange > 0);
        return;
      }
      setRunId(answer.runId);
      setPlanId(null);
      setConfirming(false);
    },
  });
  // Excluding rows makes a new plan in main (what is confirmed is what is written): show that one.
  const exclude = useEvoMutation('bulk:excludeFromPlan', {
    onSuccess: (next) => {
      client.setQueryData(evoQueryKey('bulk:getPlan', { planId: next.id }), next);
      setPlanId(next.id);
    },
  });
  const pause = useEvoMutation('bulk:pause');
  const unpause = useEvoMutation('bulk:unpause');
  const cancel = useEvoMutation('bulk:cancel');
  const retry = useEvoMutation('bulk:retryFailed', { onSuccess: (run) => setRunId(run.runId) });
  const undo = useEvoMutation('bulk:undo', { onSuccess: (run) => setRunId(run.runId) });

  // Against the time the panel opened (a plan left on screen past the limit is refused by main anyway).
  const [openedAt] = useState(Date.now);
  const stale = plan !== null && planIsStale(plan, openedAt);
  const progress = useRunProgress(runId).data ?? null;
  const finished = progress !== null && (progress.state === 'completed' || progress.state === 'cancelled');
  // The run's subject and items: read when it starts (or this panel opens), again when it ends.
  const detail = useEvoQuery('runs:get', [{ runId: runId ?? '' }], { enabled: runId !== null, refetchOnMount: 'always' });
  const run = detail.data?.id === runId ? detail.data : undefined;
  const summary = useMemo(() => (finished && run ? summaryOf(run) : undefined), [finished, run]);
  const baseline = useMemo(() => baselineOfRun(run?.items ?? []), [run]);
  const liveFailures = useLiveFailures(runId);
  const failures = useMemo(() => mergeFailures(run?.items ?? [], liveFailures), [run, liveFailures]);
  const runs = useEvoQuery('runs:list', [], { enabled: finished });
  const undone = useMemo(() => undoneBy(runs.data ?? []), [runs.data]);
  const openInHistory = (id: string) => {
    setHistoryRunId(id);
    setView('history');
  };

  const request = (): PlanRequest | null => {
    if (scope === 'selected') return selectedIds.size > 0 ? { customerIds: [...selectedIds], target } : null;
    return currentCustomer ? { subtreeRootIds: [currentCustomer.id], target } : null;
  };
  // Stopping the planning on request is not a failure worth an error box.
  const planError = makePlan.error?.kind === 'Cancelled' ? null : makePlan.error;
  const error = planError ?? pendingPlan.error ?? start.error ?? detail.error ?? exclude.error ?? retry.error ?? undo.error ?? pause.error ?? unpause.error ?? cancel.error;

  return (
    <Box data-testid="bulk-panel" pt="2">
      {error ? <ErrorCallout action="Bulk staging" error={error.toData()} /> : null}

      {runId && progress && run && !finished ? (
        <ProgressView
          progress={progress}
          subject={describeSubject(run.subject)}
          target={run.target}
          toChange={toChangeProgress(progress, baseline)}
          failures={failures}
          onPause={() => pause.mutate({ runId })} onUnpause={() => unpause.mutate({ runId })} onCancel={() => cancel.mutate({ runId })} />
      ) : null}
      {runId && progress && !run && !finished ? (
        // The run's detail (its subject) is still being read, or could not be (the error above): it can be cancelled meanwhile.
        <HStack gap="3">
          <Text fontSize="sm" role="status">
            {detail.error ? `Run ${runId.slice(0, 8)} is running (${progress.done} of ${progress.counts.total} settled).` : 'Starting the run…'}
          </Text>
          <Button size="sm" variant="outline" onClick={() => cancel.mutate({ runId })} data-testid="cancel-unread-run">
            Cancel the run
          </Button>
        </HStack>
      ) : null}
      {runId && finished && summary && run ? (
        <ResultsView
          summary={summary}
          subject={describeSubject(run.subject)}
          target={run.target}
          writeBlockedReason={blocked}
          onRetryFailed={() => retry.mutate({ runId })}
          onUndo={canUndo(run, undone) ? () => undo.mutate({ runId }) : null}
          onOpenInHistory={() => openInHistory(runId)}
          onClose={() => setRunId(null)}
        />
      ) : null}

      {!runId && plan ? (
        <>
          {differences && plan.counts.toChange === 0 ? <DriftList drift={differences} /> : null}
          <PlanView
            key={`plan-${plan.id}`}
            plan={plan}
            writeBlockedReason={blocked}
            stale={stale}
            onConfirm={() => setConfirming(true)}
            onExclude={(customerIds: string[]) => exclude.mutate({ planId: plan.id, customerIds })}
            excluding={exclude.isPending}
            onReplan={() => makePlan.mutate(plan.request)}
            onDiscard={() => setPlanId(null)}
          />
          <ConfirmDialog
            // A new plan starts with an empty confirmation field.
            key={plan.id}
            open={confirming}
            {...confirmFacts(plan, session?.profile)}
            differences={differences}
            onConfirm={() => start.mutate(startRequest(plan))}
            onCancel={() => setConfirming(false)}
          />
        </>
      ) : null}

      {!runId && !plan ? (
        <Box>
          <Text fontWeight="semibold" mb="2">
            Who
          </Text>
          <RadioGroup.Root value={scope} onValueChange={(d) => setScope(d.value as Scope)} size="sm" mb="3">
            <HStack gap="4" wrap="wrap">
              <RadioGroup.Item value="selected" disabled={selectedIds.size === 0}>
                <RadioGroup.ItemHiddenInput />
                <RadioGroup.ItemIndicator />
                <RadioGroup.ItemText>Selected rows ({selectedIds.size})</RadioGroup.ItemText>
              </RadioGroup.Item>
              <RadioGroup.Item value="subtree" disabled={!currentCustomer}>
                <RadioGroup.ItemHiddenInput />
                <RadioGroup.ItemIndicator />
                <RadioGroup.ItemText>{currentCustomer ? `${currentCustomer.name ?? currentCustomer.id} and all descendants` : 'This customer and all descendants (open one first)'}</RadioGroup.ItemText>
              </RadioGroup.Item>
            </HStack>
          </RadioGroup.Root>
          <Text fontWeight="semibold" mb="2">
            Route calls to
          </Text>
          <RadioGroup.Root value={target} onValueChange={(d) => setTarget(d.value as TargetState)} size="sm" mb="3">
            <HStack gap="4">
              <RadioGroup.Item value="staging">
                <RadioGroup.ItemHiddenInput />
                <RadioGroup.ItemIndicator />
                <RadioGroup.ItemText>{ROUTING_WORDS.staging.label}</RadioGroup.ItemText>
              </RadioGroup.Item>
              <RadioGroup.Item value="production">
                <RadioGroup.ItemHiddenInput />
                <RadioGroup.ItemIndicator />
                <RadioGroup.ItemText>{ROUTING_WORDS.normal.label} (not staging)</RadioGroup.ItemText>
              </RadioGroup.Item>
            </HStack>
          </RadioGroup.Root>
          <HStack gap="2">
            <Button
              size="sm"
              onClick={() => request() && makePlan.mutate(request() as PlanRequest)}
              // A one-customer change being planned or confirmed uses main's one planning slot.
              disabled={request() === null || routingChangeOpen}
              title={routingChangeOpen ? 'A routing change of one customer is open: finish or cancel it first.' : undefined}
              loading={planning}
              data-testid="prepare-plan"
            >
              Prepare plan
            </Button>
            {planning ? (
              <Button size="sm" variant="outline" onClick={() => cancelPlan.mutate(undefined)} data-testid="cancel-plan">
                Stop planning
              </Button>
            ) : null}
            {planning && planProgress ? (
              <Text fontSize="sm" role="status">
                {PHASE_WORDS[planProgress.phase]}… {plural(planProgress.customersFound, 'customer')} found
              </Text>
            ) : null}
            {makePlan.error?.kind === 'Cancelled' ? (
              <Text fontSize="sm" role="status">
                Planning stopped; nothing was changed.
              </Text>
            ) : null}
          </HStack>
          <Text fontSize="xs" color="fg.muted" mt="2">
            Nothing is written until you confirm the plan, and only the customers you confirmed, while they are as the plan showed them. Offline, the plan is built
            from the offline copy.
          </Text>
          <RateCeilingSetting />
        </Box>
      ) : null}
    </Box>
  );
}
