/* A routing change asked for outside the bulk tab (the customer tab's toggle, quick jump, in
 * staging now, due returns: `useUiStore.askRoutingChange`). It goes the bulk way: a fresh plan
 * of exactly those customers, the same confirm dialog and rules (typed count on production),
 * then a journalled run shown in the bulk tab, so it has progress, History, audit and Undo.
 * Mounted once by the console. */
import { Box, Button, HStack, Spinner, Text } from '@chakra-ui/react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { BulkPlan, PlanDrift } from '../../../shared/bulk/types';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';
import { evoQueryKey, useEvoMutation } from '../../app/hooks';
import { useConsoleStore } from '../../app/console-store';
import { useUiStore, type RoutingChangeAsk } from '../../app/ui-store';
import { ErrorCallout } from '../../shared-ui';
import { useSessionState } from '../session/use-session';
import { ConfirmDialog } from './ConfirmDialog';
import { confirmFacts } from './confirm-facts';
import { startRequest, useStartRun } from './use-start-run';

export function RoutingChangeFlow() {
  const ask = useUiStore((s) => s.routingChange);
  // Each new ask starts afresh (its own plan, dialog and errors).
  return ask ? <RoutingChangeSteps key={JSON.stringify(ask)} ask={ask} /> : null;
}

function RoutingChangeSteps({ ask }: { ask: RoutingChangeAsk }) {
  const askRoutingChange = useUiStore((s) => s.askRoutingChange);
  const setRunId = useConsoleStore((s) => s.setActiveRunId);
  const setView = useConsoleStore((s) => s.setView);
  const setDetailTab = useConsoleStore((s) => s.setDetailTab);
  const session = useSessionState().data;
  const client = useQueryClient();
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const [differences, setDifferences] = useState<PlanDrift | null>(null);

  const keep = (p: BulkPlan) => {
    client.setQueryData(evoQueryKey('bulk:getPlan', { planId: p.id }), p);
    setPlan(p);
  };
  const makePlan = useEvoMutation('bulk:plan', { onSuccess: keep });
  const cancelPlan = useEvoMutation('bulk:cancelPlan');
  const start = useStartRun({
    onSuccess: (answer) => {
      if (answer.drifted) {
        // Nothing was written: the customers changed since the plan; confirm the plan as it is now.
        keep(answer.drifted.fresh);
        setDifferences(answer.drifted.drift);
        return;
      }
      setRunId(answer.runId);
      setView('customers');
      setDetailTab('bulk');
      askRoutingChange(null);
    },
  });
  const { mutate: planCustomers } = makePlan;

  // A fresh plan of exactly the asked customers, once (the ask never changes: see the key above).
  useEffect(() => planCustomers(ask.request), [ask, planCustomers]);

  const close = () => {
    if (makePlan.isPending) cancelPlan.mutate(undefined);
    askRoutingChange(null);
  };
  const words = ROUTING_WORDS[routingOfTarget(ask.request.target)];
  const error = makePlan.error?.kind === 'Cancelled' ? null : (makePlan.error ?? start.error);
  const nothingToChange = plan !== null && plan.counts.toChange === 0;
  return (
    <>
      {!plan || nothingToChange || error ? (
        <Box position="fixed" bottom="4" right="4" zIndex="toast" bg="bg.panel" borderWidth="1px" borderRadius="md" shadow="lg" p="3" maxW="md" data-testid="routing-change-status">
          {error ? <ErrorCallout action={`Moving ${ask.subject} ${words.moveTo}`} error={error.toData()} /> : null}
          <HStack gap="3" mt={error ? '2' : '0'}>
            {!plan && !error ? <Spinner size="sm" /> : null}
            <Text fontSize="sm" role="status" flex="1">
              {nothingToChange
                ? `Nothing to change: ${ask.subject} ${plan.counts.total === 1 ? 'is' : 'are'} already ${plan.target === 'staging' ? 'on staging' : 'on normal routing'}${plan.counts.notAccessible ? ` (${plan.counts.notAccessible} not accessible)` : ''}.`
                : !plan && !error
                  ? `Reading the current routing of ${ask.subject}…`
                  : ''}
            </Text>
            <Button size="xs" variant="outline" onClick={close}>
              {plan || error ? 'Close' : 'Stop'}
            </Button>
          </HStack>
        </Box>
      ) : null}
      {plan && !nothingToChange ? (
        <ConfirmDialog
          key={plan.id}
          open
          {...confirmFacts(plan, session?.profile)}
          differences={differences}
          onConfirm={() => (start.isPending ? undefined : start.mutate(startRequest(plan)))}
          onCancel={close}
        />
      ) : null}
    </>
  );
}
