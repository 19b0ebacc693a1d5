/* "In staging now": the account's customers on staging (CustomerService, from the offline copy
 * refreshed by a listing of the account) joined with the journal's run that put each there. */
import type { StagingNowResult } from '../shared/staging-now';
import type { BulkStagingService } from './bulk/bulk-staging-service';
import type { CustomerService } from './customers/customer-service';

export async function stagingNow(
  customers: CustomerService,
  bulk: Pick<BulkStagingService, 'lastChanges'>,
  options: { subtreeId?: string | null; maxAgeMs?: number } = {},
): Promise<StagingNowResult> {
  const subtreeId = options.subtreeId ?? null;
  const found = await customers.onStaging(subtreeId, options.maxAgeMs === undefined ? {} : { maxAgeMs: options.maxAgeMs });
  const origins = bulk.lastChanges(found.items.map((c) => c.customer.id));
  const rows = found.items.map(({ customer, fetchedAt }) => {
    const origin = origins.get(customer.id);
    return {
      id: customer.id,
      name: customer.name ?? customer.id,
      referenceId: customer.referenceId ?? null,
      path: (customer.breadcrumb ?? []).filter((b) => b.id !== customer.id).map((b) => ({ id: b.id, name: b.name ?? b.id })),
      lastModified: shownText(customer.dateLastModified),
      lastModifiedBy: shownText(customer.lastModifiedBy),
      // Only a run that set staging explains why it is on staging now.
      run: origin?.toStaging ? origin : null,
      fetchedAt,
    };
  });
  // A loop, not Math.min(...rows): a whole account on staging is too many arguments for a call.
  const oldest = rows.length === 0 ? null : rows.reduce((min, r) => Math.min(min, r.fetchedAt), Number.POSITIVE_INFINITY);
  return { rows, source: found.source, listedAt: found.listedAt, oldestFetchedAt: oldest, subtreeId };
}

/** dateLastModified / lastModifiedBy are shown as sent; anything but text is not worth showing. */
function shownText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
