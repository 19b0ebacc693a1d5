import { useCallback, useState } from 'react';
import { useEvoEvent, useEvoMutation, useEvoQuery } from '../../app/hooks';
import { plural } from '../../shared-ui';
import { MakeOfflineButton, type SyncProgressView } from './MakeOfflineButton';
import { useConnectivity, useWriteBlockedReason } from './use-connectivity';

/** "Make available offline" for one customer and its descendants, with live progress. */
export function MakeOffline({ customerId, customerName }: { customerId: string; customerName: string }) {
  const [progress, setProgress] = useState<SyncProgressView | null>(null);
  const blocked = useWriteBlockedReason();
  const offline = useConnectivity()?.state === 'offline';
  const state = useEvoQuery('customers:stagingCounts', [{ id: customerId }]);
  const stop = useEvoMutation('customers:cancelSync');
  const sync = useEvoMutation('customers:sync', {
    onSettled: () => {
      setProgress(null);
      void state.refetch();
    },
  });
  const onProgress = useCallback(
    (p: { rootId: string | null; fetched: number; total?: number }) => {
      if (p.rootId === customerId) setProgress({ fetched: p.fetched, ...(p.total === undefined ? {} : { total: p.total }) });
    },
    [customerId],
  );
  useEvoEvent('customers:syncProgress', onProgress);
  return (
    <MakeOfflineButton
      customerName={customerName}
      running={sync.isPending}
      progress={progress}
      // Offline, the banner gives the age of what is shown; one age label per screen.
      syncedAt={offline ? null : (state.data?.syncedAt ?? null)}
      doneMessage={sync.data ? `${plural(sync.data.count, 'customer')} saved for offline use.` : null}
      errorMessage={sync.error ? (sync.error.kind === 'Cancelled' ? 'Download stopped; this customer is not marked as available offline.' : `Download failed: ${sync.error.message}`) : null}
      // Offline it cannot download; the reason says so.
      disabledReason={blocked}
      onStart={() => sync.mutate({ id: customerId })}
      onStop={() => stop.mutate({ id: customerId })}
    />
  );
}
