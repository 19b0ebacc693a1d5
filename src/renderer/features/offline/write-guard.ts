/* Why a write (bulk change, retry, undo, offline download) cannot run right now. Pure: the
 * screens disable their write buttons and show this sentence next to them. */
import type { ConnectivitySnapshot } from '../../../shared/connectivity';
import type { SessionStatus } from '../../../shared/session';
import { formatAge } from '../../shared-ui';

export function writeBlockedReason(connectivity: ConnectivitySnapshot | undefined, sessionStatus: SessionStatus | undefined, now = Date.now()): string | null {
  if (connectivity?.state === 'offline')
    return `Offline (server unreachable since ${formatAge(connectivity.since, now)}): changes need the server. Browsing, search and plans use the offline copy.`;
  if (sessionStatus === 'signInRequired') return 'Your session ended: sign in again to make changes.';
  if (sessionStatus !== undefined && sessionStatus !== 'signedIn') return 'Sign in to make changes.';
  return null;
}
