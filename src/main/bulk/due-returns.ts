/* Customers due back from staging: their last change was a run to staging whose return-by time
 * is now near or past, and they are still on staging as `onStaging` (the server, or the offline
 * copy) shows them. Nothing is written: returning them is a plan the person confirms. */
import { toPlanItem } from '../../shared/bulk/plan-logic';
import type { BreadcrumbEntry } from '../../shared/bulk/types';
import { returnUrgency, type DueReturn, type RoutingChangeOrigin } from '../../shared/staging-now';
import type { BulkJournal } from './journal/journal';
import type { BulkCache, BulkClient } from './ports';
import { readCurrentStates } from './state-reader';

/** A customer seen on staging just now: its name and path for the list. */
export interface StagingSighting {
  name: string;
  path: BreadcrumbEntry[];
}

/** Who of these customers is on staging now, by id. */
export type Sightings = (customerIds: string[]) => Promise<Map<string, StagingSighting>>;

export async function findDueReturns(
  journal: BulkJournal,
  accountId: string | null,
  now: Date,
  onStaging: Sightings,
): Promise<DueReturn[]> {
  const candidates = [...journal.lastChanges(accountId, journal.returnByCustomerIds(accountId)).values()].filter(
    (c): c is RoutingChangeOrigin & { returnBy: string } => c.toStaging && c.returnBy !== null && returnUrgency(c.returnBy, now.getTime()) !== null,
  );
  const seen = candidates.length > 0 ? await onStaging(candidates.map((c) => c.customerId)) : new Map<string, StagingSighting>();
  const items = candidates.flatMap((c): DueReturn[] => {
    const sighting = seen.get(c.customerId);
    const urgency = returnUrgency(c.returnBy, now.getTime());
    return sighting && urgency ? [{ customerId: c.customerId, name: sighting.name, path: sighting.path, runId: c.runId, returnBy: c.returnBy, urgency, by: c.by }] : [];
  });
  return items.sort((a, b) => a.returnBy.localeCompare(b.returnBy) || a.name.localeCompare(b.name));
}


/** Who is on staging as the server shows it now. */
export const sightingsFromServer =
  (client: BulkClient, accountId: string | null, now: () => Date): Sightings =>
  async (ids) => {
    const read = await readCurrentStates(client, ids, { accountId, now });
    return new Map([...read.found].filter(([, item]) => item.isStaging).map(([id, item]) => [id, { name: item.name, path: item.breadcrumb }]));
  };

/** Who is on staging as the offline copy shows it (offline). */
export const sightingsFromCache =
  (cache: BulkCache, now: Date): Sightings =>
  async (ids) => {
    const seen = new Map<string, StagingSighting>();
    for (const id of ids) {
      const cached = cache.get(id)?.customer;
      if (cached?.isStaging === true) seen.set(id, { name: cached.name ?? id, path: toPlanItem(cached, now.toISOString()).breadcrumb });
    }
    return seen;
  };
