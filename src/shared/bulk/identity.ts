/* Who/where a run acts as, from the session state (never a secret). Pure. */
import type { SessionState } from '../session';
import { redactUrl } from './audit';
import type { RunIdentity } from './types';

export function identityFromSession(state: SessionState): RunIdentity {
  const account = state.accounts.find((a) => a.id === state.activeAccountId);
  return {
    userEmail: state.user?.email ?? null,
    serverUrl: redactUrl(state.profile?.url || null),
    accountId: state.activeAccountId,
    accountName: account?.name ?? null,
  };
}

const sameText = (a: string | null, b: string | null) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/**
 * Whether a session may carry on a run recorded for `run`: same server, same account,
 * same user. Unknown parts of the run's identity (null) are not compared.
 */
export function sessionMatchesRun(session: RunIdentity, run: RunIdentity): boolean {
  if (run.serverUrl && !sameText(session.serverUrl, run.serverUrl)) return false;
  if (run.accountId && session.accountId !== run.accountId) return false;
  if (run.userEmail && !sameText(session.userEmail, run.userEmail)) return false;
  return true;
}
