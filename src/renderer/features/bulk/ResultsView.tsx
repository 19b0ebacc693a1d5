import { Box, Button, HStack, Text } from '@chakra-ui/react';
import type { RunSummary } from '../../../shared/bulk/types';
import { formatDuration, plural } from '../../shared-ui';

export interface ResultsViewProps {
  summary: RunSummary;
  /** Why retry/undo cannot run now, or null. */
  writeBlockedReason: string | null;
  onRetryFailed: () => void;
  onUndo: () => void;
  onClose: () => void;
}

/** How a run ended: counts, each failure with its reason, retry failed, undo. */
export function ResultsView({ summary, writeBlockedReason, onRetryFailed, onUndo, onClose }: ResultsViewProps) {
  const { counts } = summary;
  const title = summary.kind === 'undo' ? 'Undo' : summary.kind === 'retryFailed' ? 'Retry' : 'Run';
  return (
    <Box data-testid="results-view" borderWidth="1px" borderRadius="md" p="3">
      <Text fontWeight="semibold" role="status">
        {title} {summary.status}: {plural(counts.changed, 'customer')} changed, {counts.alreadyInState} already there, {counts.failed} failed, {counts.skipped} skipped,{' '}
        {counts.notAccessible} not accessible{counts.cancelled ? `, ${counts.cancelled} not applied (cancelled)` : ''} — took {formatDuration(summary.durationMs)}.
      </Text>
      {summary.failed.length > 0 ? (
        <Box as="ul" pl="0" listStyleType="none" mt="2" maxH="240px" overflowY="auto" aria-label="Failed customers" tabIndex={0}>
          {summary.failed.map((f) => (
            <Box as="li" key={f.customerId} py="1" borderBottomWidth="1px" fontSize="sm" data-testid="failed-item">
              <Text as="span" fontWeight="semibold">
                {f.name || f.customerId}
              </Text>{' '}
              <Text as="span" color="red.fg">
                {f.error ? `${f.error.kind}: ${f.error.message}` : 'failed (no reason recorded)'}
              </Text>
            </Box>
          ))}
        </Box>
      ) : null}
      {summary.skipped.length > 0 ? (
        <Box as="ul" pl="0" listStyleType="none" mt="2" aria-label="Skipped customers">
          {summary.skipped.map((s) => (
            <Box as="li" key={s.customerId} fontSize="sm">
              {s.name || s.customerId}: {s.note ?? 'skipped'}
            </Box>
          ))}
        </Box>
      ) : null}
      <HStack mt="3" gap="2">
        {summary.failed.length > 0 ? (
          <Button size="sm" onClick={onRetryFailed} disabled={writeBlockedReason !== null}>
            Retry {plural(summary.failed.length, 'failed customer')}
          </Button>
        ) : null}
        {summary.kind !== 'undo' && counts.changed > 0 ? (
          <Button size="sm" variant="outline" onClick={onUndo} disabled={writeBlockedReason !== null} data-testid="undo-run">
            Undo this run
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
        {writeBlockedReason ? (
          <Text fontSize="sm" color="fg.muted">
            {writeBlockedReason}
          </Text>
        ) : null}
      </HStack>
    </Box>
  );
}
