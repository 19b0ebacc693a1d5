import { useState } from 'react';
import { useEvoMutation, useEvoQuery } from '../../app/hooks';
import { ErrorCallout } from '../../shared-ui';
import { useConsoleStore } from '../../app/console-store';
import { useWriteBlockedReason } from '../offline/use-connectivity';
import { InterruptedRunOffer } from './InterruptedRunOffer';

/** At start: runs the journal says were not finished, each offered to check and continue. */
export function InterruptedRuns() {
  const interrupted = useEvoQuery('bulk:interrupted', [], { staleTime: Infinity });
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const blocked = useWriteBlockedReason();
  const setRunId = useConsoleStore((s) => s.setActiveRunId);
  const setDetailTab = useConsoleStore((s) => s.setDetailTab);
  const continueRun = useEvoMutation('bulk:continueInterrupted', {
    onSuccess: (run) => {
      setRunId(run.runId);
      setDetailTab('bulk');
      void interrupted.refetch();
    },
  });
  const open = (interrupted.data ?? []).filter((r) => !dismissed.has(r.run.id));
  return (
    <>
      {continueRun.error ? <ErrorCallout action="Continuing the interrupted run" error={continueRun.error.toData()} /> : null}
      {open.map((r) => (
        <InterruptedRunOffer
          key={r.run.id}
          interrupted={r}
          writeBlockedReason={blocked}
          onContinue={(runId) => continueRun.mutate({ runId })}
          onDismiss={(runId) => setDismissed((d) => new Set([...d, runId]))}
        />
      ))}
    </>
  );
}
