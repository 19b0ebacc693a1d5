import { Button, HStack, Table, Text } from '@chakra-ui/react';
import type { ExportFormat, RunRecord } from '../../../shared/bulk/types';
import { formatDateTime, formatDuration } from '../../shared-ui';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';

export interface RunTableProps {
  runs: RunRecord[];
  writeBlockedReason: string | null;
  onExport: (runId: string, format: ExportFormat) => void;
  onUndo: (runId: string) => void;
  onOpen: (runId: string) => void;
}

const KIND_WORDS: Record<RunRecord['kind'], string> = { apply: 'Change', retryFailed: 'Retry failed', undo: 'Undo' };

/** Past bulk runs from the audit journal, newest first, with export and undo. */
export function RunTable({ runs, writeBlockedReason, onExport, onUndo, onOpen }: RunTableProps) {
  if (runs.length === 0) return <Text color="fg.muted">No bulk runs yet.</Text>;
  return (
    <Table.Root size="sm" variant="outline" data-testid="run-table">
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeader>Started</Table.ColumnHeader>
          <Table.ColumnHeader>What</Table.ColumnHeader>
          <Table.ColumnHeader>Who / account</Table.ColumnHeader>
          <Table.ColumnHeader>Outcome</Table.ColumnHeader>
          <Table.ColumnHeader>Duration</Table.ColumnHeader>
          <Table.ColumnHeader>Actions</Table.ColumnHeader>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {runs.map((run) => (
          <Table.Row key={run.id} data-testid="run-row" data-run-id={run.id}>
            <Table.Cell>{formatDateTime(run.startedAt ?? run.createdAt)}</Table.Cell>
            <Table.Cell>
              {KIND_WORDS[run.kind]} → {ROUTING_WORDS[routingOfTarget(run.target)].label} ({run.counts.total})
            </Table.Cell>
            <Table.Cell>
              {run.identity.userEmail ?? '?'} / {run.identity.accountName ?? run.identity.accountId ?? '?'}
            </Table.Cell>
            <Table.Cell>
              {run.status}: {run.counts.changed} changed, {run.counts.failed} failed, {run.counts.alreadyInState} already
              {run.counts.skipped ? `, ${run.counts.skipped} skipped` : ''}
            </Table.Cell>
            <Table.Cell>{formatDuration(run.durationMs)}</Table.Cell>
            <Table.Cell>
              <HStack gap="1">
                <Button size="xs" variant="outline" onClick={() => onOpen(run.id)}>
                  Details
                </Button>
                <Button size="xs" variant="outline" onClick={() => onExport(run.id, 'csv')}>
                  CSV
                </Button>
                <Button size="xs" variant="outline" onClick={() => onExport(run.id, 'json')}>
                  JSON
                </Button>
                {run.kind !== 'undo' && run.status !== 'running' && run.counts.changed > 0 ? (
                  <Button size="xs" variant="outline" colorPalette="red" onClick={() => onUndo(run.id)} disabled={writeBlockedReason !== null} title={writeBlockedReason ?? undefined}>
                    Undo
                  </Button>
                ) : null}
              </HStack>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  );
}
