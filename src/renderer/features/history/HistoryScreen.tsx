import { Box, Button, Heading, HStack, Text } from '@chakra-ui/react';
import { useDeferredValue, useMemo, useState } from 'react';
import type { ExportFormat } from '../../../shared/bulk/types';
import { useEvoMutation, useEvoQuery } from '../../app/hooks';
import { ErrorCallout, formatDateTime } from '../../shared-ui';
import { useConsoleStore } from '../../app/console-store';
import { ResultsView } from '../bulk/ResultsView';
import { summaryOf } from '../../../shared/bulk/summary';
import { describeSubject } from '../../../shared/bulk/subject';
import { useWriteBlockedReason } from '../offline/use-connectivity';
import { RunFilters } from './RunFilters';
import { RunTable } from './RunTable';
import { canUndo, undoneBy as undoneByOf } from '../../../shared/bulk/undo';
import { filterRuns, NO_FILTER, runUsers } from './run-relations';
import { SavedPlans } from './SavedPlans';

/** Past bulk runs from the audit journal: what each was about, filters, details, export (CSV/JSON, saved by main), undo. */
export function HistoryScreen() {
  const runs = useEvoQuery('runs:list', []);
  const blocked = useWriteBlockedReason();
  const setRunId = useConsoleStore((s) => s.setActiveRunId);
  const setView = useConsoleStore((s) => s.setView);
  const setDetailTab = useConsoleStore((s) => s.setDetailTab);
  const openRunId = useConsoleStore((s) => s.historyRunId);
  const setOpenRunId = useConsoleStore((s) => s.setHistoryRunId);
  const [customer, setCustomer] = useState('');
  const [filter, setFilter] = useState<Omit<typeof NO_FILTER, 'customerRunIds'>>(NO_FILTER);
  const customerText = useDeferredValue(customer.trim());
  // While the runs of the text just typed load, the previous answer stays (no flash of "no run matches").
  const withCustomer = useEvoQuery('runs:withCustomer', [{ text: customerText }], { enabled: customerText !== '', placeholderData: (previous) => previous });
  const all = useMemo(() => runs.data ?? [], [runs.data]);
  const undoneBy = useMemo(() => undoneByOf(all), [all]);
  const shown = useMemo(
    () => filterRuns(all, { ...filter, customerRunIds: customerText === '' || withCustomer.data === undefined ? null : new Set(withCustomer.data) }),
    [all, filter, customerText, withCustomer.data],
  );
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
  const error = runs.error ?? withCustomer.error ?? exportRun.error ?? undo.error ?? retry.error;
  const openUndo = openRunId ? undoneBy.get(openRunId) : undefined;

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
      {openRunId && summary && detail.data ? (
        <Box mb="4">
          <ResultsView
            summary={summary}
            subject={describeSubject(detail.data.subject)}
            target={detail.data.target}
            writeBlockedReason={blocked}
            onRetryFailed={() => retry.mutate({ runId: openRunId })}
            onUndo={canUndo(detail.data, undoneBy) ? () => undo.mutate({ runId: openRunId }) : null}
            undoneNote={openUndo ? `Undone by the undo of ${formatDateTime(openUndo.startedAt ?? openUndo.createdAt)}.` : null}
            onClose={() => setOpenRunId(null)}
          />
        </Box>
      ) : null}
      {all.length === 0 && runs.isSuccess ? (
        <Text color="fg.muted">No bulk runs yet. Runs you start from the Bulk tab are recorded here, with their customers, to export or undo.</Text>
      ) : (
        <>
          <RunFilters customer={customer} onCustomer={setCustomer} filter={filter} onFilter={setFilter} users={runUsers(all)} />
          {shown.length === 0 ? (
            <Text color="fg.muted" data-testid="no-matching-runs">
              No run matches these filters.
            </Text>
          ) : (
            <RunTable runs={shown} undoneBy={undoneBy} openRunId={openRunId} writeBlockedReason={blocked} onExport={onExport} onUndo={(runId) => undo.mutate({ runId })} onOpen={setOpenRunId} />
          )}
        </>
      )}
      <SavedPlans runs={all} />
    </Box>
  );
}
