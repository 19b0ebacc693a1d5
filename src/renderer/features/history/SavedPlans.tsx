/* Plans kept in the journal (every prepared plan; the newest 50 and all of the last week), to
 * review or apply later — also offline — or delete. Opening one puts it in the bulk panel;
 * applying re-reads the current state first and asks again when anything changed since. */
import { Badge, Box, Button, Heading, HStack, Table, Text } from '@chakra-ui/react';
import { useState } from 'react';
import type { PlanSummary, RunRecord } from '../../../shared/bulk/types';
import { useEvoMutation, useEvoQuery } from '../../app/hooks';
import { useUiStore } from '../../app/ui-store';
import { AsOfLabel, ErrorCallout, formatDateTime } from '../../shared-ui';
import { useConsoleStore } from '../../app/console-store';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';
import { savedPlanStatus, type SavedPlanStatus } from './run-relations';

const STATUS: Record<SavedPlanStatus, { label: string; palette: string }> = {
  applied: { label: 'Applied', palette: 'green' },
  notApplied: { label: 'Not applied', palette: 'blue' },
  expired: { label: 'Expired (over 24 h: prepare again)', palette: 'gray' },
};

/** Shown at most; older plans stay in the journal. */
const SHOWN = 20;

export function SavedPlans({ runs }: { runs: readonly RunRecord[] }) {
  // Ages are judged against when History opened (re-opening it re-judges).
  const [nowMs] = useState(Date.now);
  const plans = useEvoQuery('bulk:plans', []);
  const setPlanId = useUiStore((s) => s.setPendingPlanId);
  const setView = useConsoleStore((s) => s.setView);
  const setDetailTab = useConsoleStore((s) => s.setDetailTab);
  // The bulk tab reads the plan ('bulk:getPlan') and says so if it cannot.
  const open = (planId: string) => {
    setPlanId(planId);
    setDetailTab('bulk');
    setView('customers');
  };
  const remove = useEvoMutation('bulk:deletePlan', { onSuccess: () => void plans.refetch() });
  const list = (plans.data ?? []).slice(0, SHOWN);
  return (
    <Box mt="6" data-testid="saved-plans">
      <Heading as="h3" size="sm" mb="2">
        Saved plans
      </Heading>
      {remove.error ? <ErrorCallout action="Deleting the plan" error={remove.error.toData()} /> : null}
      {list.length === 0 ? (
        <Text fontSize="sm" color="fg.muted">
          No saved plans. Every plan you prepare is kept here to review or apply later.
        </Text>
      ) : (
        <Table.Root size="sm">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Prepared</Table.ColumnHeader>
              <Table.ColumnHeader>Move to</Table.ColumnHeader>
              <Table.ColumnHeader>Customers</Table.ColumnHeader>
              <Table.ColumnHeader>Data</Table.ColumnHeader>
              <Table.ColumnHeader>Status</Table.ColumnHeader>
              <Table.ColumnHeader />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {list.map((p) => (
              <PlanRow key={p.id} plan={p} status={savedPlanStatus(p, runs, nowMs)} onOpen={() => open(p.id)} onDelete={() => remove.mutate({ planId: p.id })} />
            ))}
          </Table.Body>
        </Table.Root>
      )}
    </Box>
  );
}

function PlanRow({ plan, status, onOpen, onDelete }: { plan: PlanSummary; status: SavedPlanStatus; onOpen: () => void; onDelete: () => void }) {
  const { counts } = plan;
  return (
    <Table.Row data-plan-id={plan.id}>
      <Table.Cell>{formatDateTime(plan.createdAt)}</Table.Cell>
      <Table.Cell>{ROUTING_WORDS[routingOfTarget(plan.target)].label}</Table.Cell>
      <Table.Cell>
        {counts.toChange.toLocaleString('en-US')} to change, {counts.alreadyInState.toLocaleString('en-US')} already there, {counts.notAccessible.toLocaleString('en-US')} not accessible
      </Table.Cell>
      <Table.Cell>
        <AsOfLabel fetchedAt={plan.snapshotAt} source={plan.source} />
      </Table.Cell>
      <Table.Cell>
        <Badge size="sm" variant="subtle" colorPalette={STATUS[status].palette} data-testid="plan-status" data-status={status}>
          {STATUS[status].label}
        </Badge>
      </Table.Cell>
      <Table.Cell>
        <HStack gap="1">
          <Button size="xs" variant="outline" onClick={onOpen} aria-label={`Open the plan prepared ${formatDateTime(plan.createdAt)}`}>
            Open
          </Button>
          <Button size="xs" variant="ghost" colorPalette="red" onClick={onDelete} aria-label={`Delete the plan prepared ${formatDateTime(plan.createdAt)}`}>
            Delete
          </Button>
        </HStack>
      </Table.Cell>
    </Table.Row>
  );
}
