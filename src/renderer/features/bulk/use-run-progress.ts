/* Live progress of bulk runs. The console mounts useTrackRunProgress once (so events are not
 * missed while the bulk tab is closed); screens read one run's latest progress, which is the
 * 'bulk:status' query kept fresh by the 'bulk:progress' events. */
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { RunProgress } from '../../../shared/bulk/types';
import { evoQueryKey, useEvoEvent, useEvoQuery } from '../../app/hooks';

const statusKey = (runId: string) => evoQueryKey('bulk:status', { runId });

export function useTrackRunProgress(): void {
  const client = useQueryClient();
  const onProgress = useCallback(
    (progress: RunProgress) => {
      client.setQueryData(statusKey(progress.runId), progress);
      if (progress.state === 'completed' || progress.state === 'cancelled') {
        // The run's outcome changes history and the routing of customers on screen.
        void client.invalidateQueries({ queryKey: ['runs:list'] });
        void client.invalidateQueries({ queryKey: evoQueryKey('runs:get', { runId: progress.runId }) });
        void client.invalidateQueries({ predicate: (q) => /^(customers|staging):/.test(String(q.queryKey[0])) });
      }
    },
    [client],
  );
  useEvoEvent('bulk:progress', onProgress);
}

export function useRunProgress(runId: string | null) {
  // Events keep it fresh while the console is shown; on (re)mount — e.g. after signing in
  // again, when events were missed — read the run's state from main once more.
  return useEvoQuery('bulk:status', [{ runId: runId ?? '' }], { enabled: runId !== null, staleTime: Infinity, refetchOnMount: 'always' });
}
