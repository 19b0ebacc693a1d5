/* The session as the renderer sees it: the 'session:getState' query kept fresh by the
 * 'session:state' events main pushes (sign-in, 401 → signInRequired, sign-out). Events that
 * arrive before the first answer (main is still restoring the saved session) are left out: the
 * answer comes after them and is newer, and showing them would flash the sign-in screen. */
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionState } from '../../../shared/session';
import { evoQueryKey, useEvoEvent, useEvoQuery } from '../../app/hooks';
import { applySessionState } from '../../app/reset';

export const SESSION_KEY = evoQueryKey('session:getState');

export function useSessionState() {
  const client = useQueryClient();
  const onState = useCallback(
    (state: SessionState) => {
      if (client.getQueryData<SessionState>(SESSION_KEY) === undefined) return;
      applySessionState(client, SESSION_KEY, state);
    },
    [client],
  );
  useEvoEvent('session:state', onState);
  return useEvoQuery('session:getState', [], { staleTime: Infinity });
}

/** After any session call: its answer is the new state. */
export function useSetSessionState() {
  const client = useQueryClient();
  return useCallback((state: SessionState) => applySessionState(client, SESSION_KEY, state), [client]);
}
