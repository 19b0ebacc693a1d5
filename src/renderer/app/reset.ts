/* Sign-out and an account switch end the work: every piece of renderer state tied to the
 * user, account or server goes (selection, current customer, plan under review, search, tag
 * filter, sort, list positions, watched run, and all server data in React Query). What is
 * the app's and not the user's stays: the session itself, the server profiles, app notices and
 * connectivity. Preferences of this computer (colour mode, split and column sizes) are not
 * state of the work and stay too. */
import type { QueryClient } from '@tanstack/react-query';
import type { SessionState } from '../../shared/session';
import { useConsoleStore } from './console-store';
import { useUiStore } from './ui-store';

const KEPT_QUERIES = new Set(['session:getState', 'session:listProfiles', 'app:info', 'app:notices', 'connectivity:getState']);

export function resetRendererState(client: QueryClient): void {
  useUiStore.getState().reset();
  useConsoleStore.getState().reset();
  client.removeQueries({ predicate: (q) => !KEPT_QUERIES.has(String(q.queryKey[0])) });
}

/** Who the work belongs to: server, user, account. null while there is no work (signed out, or
 * no account chosen yet). A session that ended (sign in again) keeps its identity, so the
 * interrupted work survives the re-sign-in. */
export function workIdentity(session: SessionState | undefined): string | null {
  if (!session || session.status === 'signedOut' || session.activeAccountId === null) return null;
  const email = (session.user?.email ?? session.email ?? '').toLowerCase();
  return JSON.stringify([session.profile?.id ?? null, email, session.activeAccountId]);
}

/** Every new session state goes through here (call answers and main's events alike): when it
 * ends the work or moves it to another user, server or account, the renderer's state is reset
 * BEFORE the new state is shown, so no screen renders the old account's data under the new one. */
export function applySessionState(client: QueryClient, sessionKey: readonly unknown[], next: SessionState): void {
  const before = workIdentity(client.getQueryData<SessionState>(sessionKey));
  if (before !== null && before !== workIdentity(next)) resetRendererState(client);
  client.setQueryData(sessionKey, next);
}
