/* Sign-out and an account switch end the work: every piece of renderer state tied to the
 * user, account or server goes (selection, current customer, plan under review, search, tag
 * filter, sort, list positions, watched run, and all server data in React Query). What is
 * the app's and not the user's stays: the session itself, the server profiles, app notices and
 * connectivity. Preferences of this computer (colour mode, split and column sizes) are not
 * state of the work and stay too. */
import { useEffect, useRef } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SessionState } from '../../shared/session';
import { useConsoleStore } from './console-store';
import { useUiStore } from './ui-store';

const KEPT_QUERIES = new Set(['session:getState', 'session:listProfiles', 'app:info', 'app:notices', 'connectivity:getState']);

export function resetRendererState(client: QueryClient): void {
  useUiStore.getState().reset();
  useConsoleStore.getState().reset();
  client.removeQueries({ predicate: (q) => !KEPT_QUERIES.has(String(q.queryKey[0])) });
}

/** Who the work belongs to: server, user, account. null while signed out. A session that
 * ended (sign in again) keeps its identity, so the interrupted work survives the re-sign-in. */
export function workIdentity(session: SessionState | undefined): string | null {
  if (!session || session.status === 'signedOut') return null;
  const email = (session.user?.email ?? session.email ?? '').toLowerCase();
  return JSON.stringify([session.profile?.id ?? null, email, session.activeAccountId]);
}

/** Mounted once by the app: resets everything when the identity changes (sign-out, another
 * user, another server, another account), however the change came about. */
export function useResetOnIdentityChange(session: SessionState | undefined): void {
  const client = useQueryClient();
  const identity = workIdentity(session);
  const previous = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (session === undefined) return;
    if (previous.current !== undefined && previous.current !== identity) resetRendererState(client);
    previous.current = identity;
  }, [identity, session, client]);
}
