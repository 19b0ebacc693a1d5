import { Badge, Button, HStack, Table, Text } from '@chakra-ui/react';
import type { ExportFormat, RunRecord } from '../../../shared/bulk/types';
import { describeSubject } from '../../../shared/bulk/subject';
import { canUndo } from '../../../shared/bulk/undo';
import { formatDateTime, formatDuration } from '../../shared-ui';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';

export interface RunTableProps {
  runs: RunRecord[];
  /** Run id → the undo run that undid it. */
  undoneBy: ReadonlyMap<string, RunRecord>;
  /** The run whose details are open (its row is marked). */
  openRunId?: string | null;
  writeBlockedReason: string | null;
  onExport: (runId: string, format: ExportFormat) => void;
  onUndo: (runId: string) => void;
  onOpen: (runId: string) => void;
}

const KIND_WORDS: Record<RunRecord['kind'], string> = { apply: 'Change', retryFailed: 'Retry of failed', undo: 'Undo' };

/** Past bulk runs from the audit journal, newest first: what each was about, who ran it, how it ended. */
export function RunTable({ runs, undoneBy, openRunId = null, writeBlockedReason, onExport, onUndo, onOpen }: RunTableProps) {
  return (
    <Table.Root size="sm" variant="outline" data-testid="run-table">
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeader>Started</Table.ColumnHeader>
          <Table.ColumnHeader>About</Table.ColumnHeader>
          <Table.ColumnHeader>Who / account</Table.ColumnHeader>
          <Table.ColumnHeader>Outcome</Table.ColumnHeader>
          <Table.ColumnHeader>Duration</Table.ColumnHeader>
          <Table.ColumnHeader>Actions</Table.ColumnHeader>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {runs.map((run) => {
          const undo = undoneBy.get(run.id);
          return (
            <Table.Row key={run.id} data-testid="run-row" data-run-id={run.id} aria-current={run.id === openRunId ? 'true' : undefined} bg={run.id === openRunId ? 'bg.muted' : undefined}>
              <Table.Cell whiteSpace="nowrap">{formatDateTime(run.startedAt ?? run.createdAt)}</Table.Cell>
              <Table.Cell maxW="380px">
                <Text fontWeight="semibold" truncate title={describeSubject(run.subject)} data-testid="run-subject">
                  {describeSubject(run.subject)}
                </Text>
                <Text fontSize="xs" color="fg.muted">
                  {KIND_WORDS[run.kind]} {ROUTING_WORDS[routingOfTarget(run.target)].moveTo}
                </Text>
              </Table.Cell>
              <Table.Cell>
                {run.identity.userEmail ?? '?'} / {run.identity.accountName ?? run.identity.accountId ?? '?'}
              </Table.Cell>
              <Table.Cell>
                {run.status}: {run.counts.changed} changed, {run.counts.failed} failed, {run.counts.alreadyInState} already
                {run.counts.skipped ? `, ${run.counts.skipped} skipped` : ''}
                {undo ? (
                  <Text fontSize="xs" mt="1" data-testid="run-undone">
                    <Badge size="sm" colorPalette="gray" variant="solid" mr="1">
                      Undone
                    </Badge>
                    by the undo of {formatDateTime(undo.startedAt ?? undo.createdAt)} ({undo.identity.userEmail ?? '?'})
                  </Text>
                ) : null}
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
                  {canUndo(run, undoneBy) ? (
                    <Button size="xs" variant="outline" colorPalette="red" onClick={() => onUndo(run.id)} disabled={writeBlockedReason !== null} title={writeBlockedReason ?? undefined}>
                      Undo
                    </Button>
                  ) : null}
                </HStack>
              </Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table.Root>
  );
}
