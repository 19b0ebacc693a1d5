import { Box, Button, Heading, HStack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import type { ExportFormat } from '../../../shared/bulk/types';
import { useEvoMutation, useEvoQuery } from '../../app/hooks';
import { ErrorCallout } from '../../shared-ui';
import { useConsoleStore } from '../../app/console-store';
import { ResultsView } from '../bulk/ResultsView';
import { summaryOf } from '../../../shared/bulk/summary';
import { useWriteBlockedReason } from '../offline/use-connectivity';
import { RunTable } from './RunTable';
import { SavedPlans } from './SavedPlans';

/** Past bulk runs from the audit journal: details, export (CSV/JSON, saved by main), undo. */
export function HistoryScreen() {
  const runs = useEvoQuery('runs:list', []);
  const blocked = useWriteBlockedReason();
  const setRunId = useConsoleStore((s) => s.setActiveRunId);
  const setView = useConsoleStore((s) => s.setView);
  const setDetailTab = useConsoleStore((s) => s.setDetailTab);
  const [openRunId, setOpenRunId] = useState<string | null>(null);
  const detail = useEvoQuery('runs:get', [{ runId: openRunId ?? '' }], { enabled: openRunId !== null });
  const summary = useMemo(() => (detail.data ? summaryOf(detail.data) : undefined), [detail.data]);
  const exportRun = useEvoMutation('runs:export');
  const followRun = (runId: string) => {
    setRunId(runId);
    setDetailTab('bulk');
    setView('customers');
  };
  const undo = useEvoMutation('bulk:undo', { onSuccess: (run) => followRun(run.runId) });
  const retry = useEvoMutation('bulk:retryFailed', { onSuccess: (run) => followRun(run.runId) });
  const onExport = (runId: string, format: ExportFormat) => exportRun.mutate({ runId, format });
  const error = runs.error ?? exportRun.error ?? undo.error ?? retry.error;

  return (
    <Box data-testid="history-screen">
      <HStack justify="space-between" mb="3">
        <Heading as="h2" size="md">
          Bulk run history
        </Heading>
        <Button size="xs" variant="outline" onClick={() => void runs.refetch()}>
          Refresh
        </Button>
      </HStack>
      {error ? <ErrorCallout action="History" error={error.toData()} /> : null}
      {exportRun.data ? (
        <Text fontSize="sm" mb="2" role="status" data-testid="export-saved">
          Saved {exportRun.data.format.toUpperCase()} to {exportRun.data.path}
        </Text>
      ) : null}
      <RunTable runs={runs.data ?? []} writeBlockedReason={blocked} onExport={onExport} onUndo={(runId) => undo.mutate({ runId })} onOpen={setOpenRunId} />
      {openRunId && summary ? (
        <Box mt="4">
          <ResultsView
            summary={summary}
            writeBlockedReason={blocked}
            onRetryFailed={() => retry.mutate({ runId: openRunId })}
            onUndo={() => undo.mutate({ runId: openRunId })}
            onClose={() => setOpenRunId(null)}
          />
        </Box>
      ) : null}
      <SavedPlans />
    </Box>
  );
}
