/* Words shared by the "in staging now" view and the due-returns bar. */
import type { StagingNowResult, ReturnUrgency } from '../../../shared/staging-now';
import { formatAge, formatDateTime } from '../../shared-ui';

/** How the list was built and how fresh it is: the API cannot filter by routing, so say so. */
export function howBuilt(result: Pick<StagingNowResult, 'source' | 'listedAt'>, now: number = Date.now()): string {
  const listed = result.listedAt === null ? 'the whole account was never listed on this computer, so only customers seen so far are known' : `account listed ${formatDateTime(result.listedAt)} (${formatAge(result.listedAt, now)})`;
  return result.source === 'server'
    ? `Built from this account's offline copy, refreshed by a listing of the whole account (the API cannot list by routing): ${listed}.`
    : `Offline: from this account's offline copy as it is; ${listed}.`;
}

export const URGENCY_WORDS: Record<ReturnUrgency, string> = { due: 'due back soon', overdue: 'overdue' };
