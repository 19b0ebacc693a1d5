/* Online/offline as main decides it: the 'connectivity:getState' query kept fresh by the
 * 'connectivity:state' events. */
import { useCallback, useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ConnectivitySnapshot } from '../../../shared/connectivity';
import { evoQueryKey, useEvoEvent, useEvoQuery } from '../../app/hooks';
import { useSessionState } from '../session/use-session';
import { writeBlockedReason } from './write-guard';

const KEY = evoQueryKey('connectivity:getState');

export function useConnectivity(): ConnectivitySnapshot | undefined {
  const client = useQueryClient();
  const onChange = useCallback((snapshot: ConnectivitySnapshot) => client.setQueryData(KEY, snapshot), [client]);
  useEvoEvent('connectivity:state', onChange);
  return useEvoQuery('connectivity:getState', [], { staleTime: Infinity }).data;
}

/** Mounted once by the console: when the connection drops or returns, read what is on screen
 * again, so it comes from the offline copy with its age (offline) or fresh from the server. */
export function useRereadOnConnectivityChange(): void {
  const client = useQueryClient();
  const state = useConnectivity()?.state;
  const previous = useRef(state);
  useEffect(() => {
    if (previous.current !== undefined && state !== undefined && previous.current !== state) {
      void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('customers:') });
    }
    previous.current = state;
  }, [state, client]);
}

/** null when writes may run; otherwise the sentence to show next to the disabled button. */
export function useWriteBlockedReason(): string | null {
  const connectivity = useConnectivity();
  const session = useSessionState().data;
  return writeBlockedReason(connectivity, session?.status);
}
