/* "In staging now": every customer of the account on staging, since when, by whom and through
 * which run, filterable by subtree; selected rows go back to normal routing through the bulk
 * engine (plan → confirm, RoutingChangeFlow). */
import { Box, Button, Checkbox, Heading, HStack, NativeSelect, Table, Text } from '@chakra-ui/react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { returnUrgency, type StagingNowRow } from '../../../shared/staging-now';
import { useEvoMutation, useEvoQuery } from '../../app/hooks';
import { useUiStore } from '../../app/ui-store';
import { ErrorCallout, formatDateTime, plural } from '../../shared-ui';
import { useNavigate } from '../browser/use-navigation';
import { useWriteBlockedReason } from '../offline/use-connectivity';
import { useRoutingChangeBlockedReason } from '../bulk/use-prepare-plan';
import { howBuilt, URGENCY_WORDS } from './staging-now-words';

const pathText = (row: StagingNowRow) => row.path.map((b) => b.name).join(' / ') || 'top level';
/** One line that keeps the end (the parent tells same-named customers apart); the whole path on hover. */
const shortPath = (row: StagingNowRow) => (row.path.length > 2 ? `… / ${row.path.slice(-2).map((b) => b.name).join(' / ')}` : pathText(row));
const oneLine = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

/** Subtrees worth filtering by: every ancestor of a customer on staging, with how many of them it holds. */
function subtreeChoices(rows: StagingNowRow[]) {
  const byId = new Map<string, { id: string; label: string; count: number }>();
  for (const row of rows) {
    row.path.forEach((b, depth) => {
      const entry = byId.get(b.id) ?? { id: b.id, label: [...row.path.slice(0, depth).map((a) => a.name), b.name].join(' / '), count: 0 };
      entry.count += 1;
      byId.set(b.id, entry);
    });
  }
  return [...byId.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export function StagingNowScreen() {
  const [subtreeId, setSubtreeId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const client = useQueryClient();
  const everything = useEvoQuery('staging:now', [{ subtreeId: null }]);
  const filtered = useEvoQuery('staging:now', [{ subtreeId: subtreeId ?? '' }], { enabled: subtreeId !== null });
  const shown = subtreeId === null ? everything : filtered;
  // "Refresh now": list the account again whatever the age of the last listing.
  const refresh = useEvoMutation('staging:now', {
    // Every view of the list (any subtree) and the due returns read the fresh copy again.
    onSuccess: () => client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('staging:') }),
  });
  const navigate = useNavigate();
  const ask = useUiStore((s) => s.askRoutingChange);
  const blocked = useWriteBlockedReason();
  const returnBlocked = useRoutingChangeBlockedReason();
  const rows = useMemo(() => shown.data?.rows ?? [], [shown.data]);
  const choices = useMemo(() => subtreeChoices(everything.data?.rows ?? []), [everything.data]);
  const picked = rows.filter((r) => selected.has(r.id));
  const allPicked = rows.length > 0 && picked.length === rows.length;
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // Ages and due times as of the answer on screen (it is read again when a run ends or on Refresh).
  const now = shown.dataUpdatedAt;
  const error = shown.error ?? refresh.error;

  return (
    <Box data-testid="staging-now" data-screen="staging-now">
      <HStack gap="3" mb="1" wrap="wrap">
        <Heading as="h2" size="md">
          In staging now
        </Heading>
        {shown.data ? (
          <Text fontSize="sm" data-testid="staging-now-count">
            {plural(rows.length, 'customer')}
            {subtreeId ? ' in this subtree' : ''}
          </Text>
        ) : null}
        <Box flex="1" />
        <NativeSelect.Root size="sm" width="auto" maxW="sm">
          <NativeSelect.Field aria-label="Only the subtree of" value={subtreeId ?? ''} onChange={(e) => { setSubtreeId(e.currentTarget.value || null); setSelected(new Set()); }} data-testid="staging-now-subtree">
            <option value="">Whole account</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label} ({c.count})
              </option>
            ))}
          </NativeSelect.Field>
          <NativeSelect.Indicator />
        </NativeSelect.Root>
        <Button size="sm" variant="outline" onClick={() => refresh.mutate({ subtreeId: null, maxAgeMs: 0 })} loading={refresh.isPending} loadingText="Listing the account…" disabled={blocked !== null} title={blocked ?? undefined}>
          Refresh now
        </Button>
      </HStack>
      <Text fontSize="xs" color="fg.muted" mb="2" data-testid="staging-now-source">
        {shown.data ? howBuilt(shown.data, now) : shown.isFetching ? 'Listing the account (the API cannot list by routing, so every customer is read once)…' : ''}
      </Text>
      {error ? <ErrorCallout action="Listing the customers on staging" error={error.toData()} /> : null}
      <HStack gap="2" mb="2" minH="8">
        <Button
          size="sm"
          colorPalette="blue"
          disabled={picked.length === 0 || returnBlocked !== null}
          title={returnBlocked ?? undefined}
          onClick={() => ask({ request: { customerIds: picked.map((r) => r.id), target: 'production' }, subject: picked.length === 1 ? (picked[0]?.name ?? '1 customer') : `${picked.length} selected customers` })}
          data-testid="return-selected"
        >
          Return selected to normal routing{picked.length ? ` (${picked.length})` : ''}
        </Button>
        <Text fontSize="xs" color="fg.muted">
          You see the plan and confirm it first; the run is recorded in History with Undo.
        </Text>
      </HStack>
      {shown.data && rows.length === 0 ? (
        <Text color="fg.muted" data-testid="staging-now-empty">
          {subtreeId ? 'No customer of this subtree is on staging.' : 'No customer of this account is on staging.'}
        </Text>
      ) : null}
      {rows.length > 0 ? (
        <Table.Root size="sm" variant="outline" stickyHeader data-testid="staging-now-table">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader w="8">
                <Checkbox.Root size="sm" checked={allPicked ? true : picked.length > 0 ? 'indeterminate' : false} onCheckedChange={() => setSelected(allPicked ? new Set() : new Set(rows.map((r) => r.id)))} aria-label="Select every customer listed">
                  <Checkbox.HiddenInput />
                  <Checkbox.Control />
                </Checkbox.Root>
              </Table.ColumnHeader>
              <Table.ColumnHeader>Name</Table.ColumnHeader>
              <Table.ColumnHeader>Path</Table.ColumnHeader>
              <Table.ColumnHeader title="The customer's last change (dateLastModified): the API does not say when its routing changed" whiteSpace="nowrap">
                Since
              </Table.ColumnHeader>
              <Table.ColumnHeader title="Who made that last change (lastModifiedBy)">By</Table.ColumnHeader>
              <Table.ColumnHeader title="The run that put it on staging, when this computer's journal knows it">Run</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map((row) => {
              const urgency = row.run?.returnBy ? returnUrgency(row.run.returnBy, now) : null;
              return (
                <Table.Row key={row.id} data-testid="staging-now-row" data-customer-id={row.id} aria-selected={selected.has(row.id)}>
                  <Table.Cell>
                    <Checkbox.Root size="sm" checked={selected.has(row.id)} onCheckedChange={() => toggle(row.id)} aria-label={`Select ${row.name}`}>
                      <Checkbox.HiddenInput />
                      <Checkbox.Control />
                    </Checkbox.Root>
                  </Table.Cell>
                  <Table.Cell>
                    <Button variant="plain" size="sm" px="0" h="auto" fontWeight="semibold" whiteSpace="normal" textAlign="start" onClick={() => navigate(row.id)} title={`Open ${row.name}`}>
                      {row.name}
                    </Button>
                  </Table.Cell>
                  <Table.Cell color="fg.muted" title={pathText(row)} maxW="xs" css={oneLine}>
                    {shortPath(row)}
                  </Table.Cell>
                  <Table.Cell whiteSpace="nowrap">{row.lastModified ? formatDateTime(row.lastModified) : '—'}</Table.Cell>
                  <Table.Cell css={oneLine} maxW="3xs" title={row.lastModifiedBy ?? undefined}>
                    {row.lastModifiedBy ?? '—'}
                  </Table.Cell>
                  <Table.Cell>
                    {row.run ? (
                      <Text as="span" fontSize="sm">
                        <Text as="span" fontFamily="mono" title={row.run.runId}>
                          {row.run.runId.slice(0, 8)}
                        </Text>{' '}
                        {formatDateTime(row.run.at)}
                        {row.run.by ? ` · ${row.run.by}` : ''}
                        {row.run.returnBy ? (
                          <Text as="span" display="block" fontSize="xs" color={urgency === 'overdue' ? 'red.fg' : urgency === 'due' ? 'yellow.fg' : 'fg.muted'} fontWeight={urgency ? 'semibold' : undefined}>
                            back by {formatDateTime(row.run.returnBy)}
                            {urgency ? ` — ${URGENCY_WORDS[urgency]}` : ''}
                          </Text>
                        ) : null}
                      </Text>
                    ) : (
                      <Text as="span" color="fg.muted" title="Not in this computer's journal (another computer, the CLI elsewhere, or the Evo Voice portal)">
                        —
                      </Text>
                    )}
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table.Root>
      ) : null}
    </Box>
  );
}
