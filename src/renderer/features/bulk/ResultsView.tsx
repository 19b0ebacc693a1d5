import { Box, Button, HStack, SimpleGrid, Text } from '@chakra-ui/react';
import type { OutcomeCounts, RunSummary, TargetState } from '../../../shared/bulk/types';
import { ROUTING_WORDS, routingOfTarget } from '../../../shared/routing-words';
import { formatDuration, plural } from '../../shared-ui';

export interface ResultsViewProps {
  summary: RunSummary;
  /** What the run was about ("Two Hundred Partners and its 199 descendants"). */
  subject: string;
  target: TargetState;
  /** Why retry/undo cannot run now, or null. */
  writeBlockedReason: string | null;
  onRetryFailed: () => void;
  /** null: nothing to undo (an undo run, nothing changed, or undone already: see undoneNote). */
  onUndo: (() => void) | null;
  undoneNote?: string | null;
  /** Opens this run in History (absent there). */
  onOpenInHistory?: () => void;
  onClose: () => void;
}

interface Tile {
  key: keyof OutcomeCounts;
  label: string;
  /** Shown even at 0 (the outcomes every reader looks for first). */
  always?: boolean;
  palette?: string;
}

const TILES: Tile[] = [
  { key: 'changed', label: 'Changed', always: true, palette: 'green' },
  { key: 'failed', label: 'Failed', always: true, palette: 'red' },
  { key: 'cancelled', label: 'Not sent (cancelled)', palette: 'yellow' },
  { key: 'skipped', label: 'Left alone (changed since by someone else)' },
  { key: 'alreadyInState', label: 'Already there' },
  { key: 'notAccessible', label: 'Not accessible' },
];

const KIND_WORDS: Record<RunSummary['kind'], string> = { apply: 'Run', retryFailed: 'Retry', undo: 'Undo' };

/** How a run ended, at a glance: one tile per outcome, each failure with its reason, retry, undo, the run in History. */
export function ResultsView({ summary, subject, target, writeBlockedReason, onRetryFailed, onUndo, undoneNote = null, onOpenInHistory, onClose }: ResultsViewProps) {
  const { counts } = summary;
  const tiles = TILES.filter((t) => t.always || counts[t.key] > 0);
  return (
    <Box data-testid="results-view" borderWidth="1px" borderRadius="md" p="3">
      <Text fontWeight="semibold" role="status">
        {KIND_WORDS[summary.kind]} {summary.status} {ROUTING_WORDS[routingOfTarget(target)].moveTo}: {subject}
      </Text>
      <Text fontSize="xs" color="fg.muted" mb="2">
        {plural(counts.total, 'customer')} in the run · took {formatDuration(summary.durationMs)}
      </Text>
      <SimpleGrid columns={{ base: 2, md: 3, xl: tiles.length }} gap="2" data-testid="result-tiles">
        {tiles.map((t) => (
          <Box
            key={t.key}
            borderWidth="1px"
            borderRadius="md"
            px="3"
            py="2"
            borderColor={t.palette && counts[t.key] > 0 ? `${t.palette}.emphasized` : undefined}
            bg={t.palette && counts[t.key] > 0 ? `${t.palette}.subtle` : undefined}
            data-testid={`tile-${t.key}`}
          >
            <Text fontSize="2xl" fontWeight="bold" lineHeight="1.2">
              {counts[t.key].toLocaleString('en-US')}
            </Text>
            <Text fontSize="xs">{t.label}</Text>
          </Box>
        ))}
      </SimpleGrid>
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
      {undoneNote ? (
        <Text fontSize="sm" mt="2" data-testid="results-undone">
          {undoneNote}
        </Text>
      ) : null}
      <HStack mt="3" gap="2" wrap="wrap">
        {summary.failed.length > 0 ? (
          <Button size="sm" onClick={onRetryFailed} disabled={writeBlockedReason !== null}>
            Retry {plural(summary.failed.length, 'failed customer')}
          </Button>
        ) : null}
        {onUndo && summary.kind !== 'undo' && counts.changed > 0 ? (
          <Button size="sm" variant="outline" onClick={onUndo} disabled={writeBlockedReason !== null} data-testid="undo-run">
            Undo this run
          </Button>
        ) : null}
        {onOpenInHistory ? (
          <Button size="sm" variant="outline" onClick={onOpenInHistory} data-testid="open-in-history">
            Open in History
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
