/* "Which customers are on staging right now, since when, by whom, and which are due back?"
 * The answers' shapes (app, IPC, CLI) and the pure rules behind return-by times.
 *
 * The API cannot filter customers by routing, so "in staging now" is built from the account's
 * offline copy, refreshed by one listing of the whole account when online; every answer says
 * when that listing was made. */
import type { BreadcrumbEntry, RunKind } from './bulk/types';
import type { DataSource } from './customers';

/** The journal's last run that changed a customer's routing. */
export interface RoutingChangeOrigin {
  customerId: string;
  runId: string;
  kind: RunKind;
  /** When the change was recorded (ISO). */
  at: string;
  /** Who ran it (the signed-in user then). */
  by: string | null;
  /** The routing that run set. */
  toStaging: boolean;
  /** The run's return-by time (ISO), when it was given one. */
  returnBy: string | null;
}

export interface StagingNowRow {
  id: string;
  name: string;
  referenceId: string | null;
  /** Ancestors, root first (the customer itself excluded). */
  path: BreadcrumbEntry[];
  /** The server's dateLastModified (as sent): the best "since when" the API offers. */
  lastModified: string | null;
  /** The server's lastModifiedBy (as sent). */
  lastModifiedBy: string | null;
  /** The run that put it on staging, when the journal knows it. */
  run: RoutingChangeOrigin | null;
  /** When this customer's copy was received (ms since epoch). */
  fetchedAt: number;
}

export interface StagingNowResult {
  rows: StagingNowRow[];
  /** 'server': the account was listed just now (or within the listing's reuse window); 'cache': offline copy only. */
  source: DataSource;
  /** When the whole account was last listed (ms since epoch); null: never, so the copy holds only what was browsed. */
  listedAt: number | null;
  /** Oldest copy among the rows (ms since epoch), null when there are none. */
  oldestFetchedAt: number | null;
  /** The subtree the rows are limited to (null: the whole account). */
  subtreeId: string | null;
}

export type ReturnUrgency = 'due' | 'overdue';

/** A customer still on staging whose run's return-by time is near or past. */
export interface DueReturn {
  customerId: string;
  name: string;
  path: BreadcrumbEntry[];
  runId: string;
  returnBy: string;
  urgency: ReturnUrgency;
  by: string | null;
}

export interface DueReturnsResult {
  items: DueReturn[];
  /** 'server': each customer's routing was read just now; 'cache': from the offline copy. */
  source: DataSource;
  checkedAt: string;
}

/** A return-by time this close (or past) makes its customers "due". */
export const DUE_SOON_MS = 30 * 60_000;
/** The longest return-by a run may carry (a return-by years away is a typo). */
export const MAX_RETURN_BY_MS = 30 * 24 * 60 * 60_000;

export function returnUrgency(returnBy: string, now: number): ReturnUrgency | null {
  const at = Date.parse(returnBy);
  if (Number.isNaN(at)) return null;
  if (at <= now) return 'overdue';
  return at - now <= DUE_SOON_MS ? 'due' : null;
}

const DURATION_UNITS_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A return-by time as a person gives it: an ISO time ("2026-11-29T18:00:00Z", or local
 * "2026-11-29T18:00") or a duration from now ("90m", "2h", "1d", "1h30m"). Answers the ISO
 * time, or a message saying what is wrong.
 */
export function parseReturnBy(text: string, now: Date): { returnBy: string } | { error: string } {
  const wanted = text.trim();
  let at: number;
  if (/^(\d+\s*[mhd]\s*)+$/i.test(wanted)) {
    at = now.getTime();
    for (const [, amount, unit] of wanted.matchAll(/(\d+)\s*([mhd])/gi)) at += Number(amount) * (DURATION_UNITS_MS[(unit ?? 'm').toLowerCase()] ?? 0);
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(wanted)) {
    at = Date.parse(wanted);
  } else {
    return { error: `"${wanted}" is not a return-by time: give an ISO time (2026-11-29T18:00) or a duration from now (90m, 2h, 1d).` };
  }
  if (Number.isNaN(at)) return { error: `"${wanted}" is not a valid time.` };
  return checkReturnBy(new Date(at).toISOString(), now);
}

/** A return-by must be in the future and within MAX_RETURN_BY_MS. */
export function checkReturnBy(returnBy: string, now: Date): { returnBy: string } | { error: string } {
  const at = Date.parse(returnBy);
  if (Number.isNaN(at)) return { error: `"${returnBy}" is not a valid time.` };
  if (at <= now.getTime()) return { error: `The return-by time ${returnBy} is not in the future.` };
  if (at - now.getTime() > MAX_RETURN_BY_MS) return { error: `The return-by time ${returnBy} is more than ${MAX_RETURN_BY_MS / 86_400_000} days away.` };
  return { returnBy: new Date(at).toISOString() };
}
