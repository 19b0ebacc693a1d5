/* Online/offline as main decides it: the 'connectivity:getState' query kept fresh by the
 * 'connectivity:state' events. */
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ConnectivitySnapshot } from '../../../shared/connectivity';
import { evoQueryKey, useEvoEvent, useEvoQuery } from '../../app/hooks';
import { useSessionState } from '../session/use-session';
import { writeBlockedReason } from './write-guard';

const KEY = evoQueryKey('connectivity:getState');

export function useConnectivity(): ConnectivitySnapshot | undefined {
  const client = useQueryClient();
  const onChange = useCallback(
    (snapshot: ConnectivitySnapshot) => {
      client.setQueryData(KEY, snapshot);
      // Back online: what is on screen came from the cache; read it again from the server.
      if (snapshot.state === 'online') void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('customers:') });
    },
    [client],
  );
  useEvoEvent('connectivity:state', onChange);
  return useEvoQuery('connectivity:getState', [], { staleTime: Infinity }).data;
}

/** null when writes may run; otherwise the sentence to show next to the disabled button. */
export function useWriteBlockedReason(): string | null {
  const connectivity = useConnectivity();
  const session = useSessionState().data;
  return writeBlockedReason(connectivity, session?.status);
}
