/* "Make available offline": download a customer and every descendant (or a whole account) into
 * the cache, page by page, with progress and cancel. Only a complete download is recorded as
 * synced; it also removes cached customers of that subtree the server no longer returns and
 * fixes every node's child count. A customer the server returned but the console could not read
 * is set aside (the client reports it) and counted; its older cached copy is kept. */
import { plural } from '../../shared/format';
import { AppError } from '../../shared/errors';
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';
import type { Customer } from '../../shared/evo/schemas';
import type { SetAsideItem } from '../../shared/evo/tolerant';
import type { EvoClient, ListCustomersQuery } from '../api/evo-client';
import type { CustomerCache } from './customer-cache';
import type { SyncProgress, SyncResult } from '../../shared/customers';

/** What the sync needs from the API client. listCustomers is used for the first page only,
 * because it carries totalCount (customerPages yields bare pages) for the progress bar. */
export type SubtreeSyncClient = Pick<EvoClient, 'listCustomers' | 'customerPages' | 'getCustomer'>;

export interface SyncOptions {
  onProgress?: (progress: SyncProgress) => void;
  /** Abort = stop after the current page; nothing is marked as synced. */
  signal?: AbortSignal;
}

export interface SubtreeSyncDeps {
  client: SubtreeSyncClient;
  cache: CustomerCache;
  accountId: string;
  /** Customers per page (server cap unknown: EVO_ASSUMPTIONS.pageSize; the client adapts). */
  pageSize?: number;
  now?: () => number;
}

export class SubtreeSync {
  private readonly pageSize: number;
  private readonly now: () => number;

  constructor(private readonly deps: SubtreeSyncDeps) {
    this.pageSize = deps.pageSize ?? EVO_ASSUMPTIONS.pageSize;
    this.now = deps.now ?? Date.now;
  }

  /** Downloads rootId and all its descendants (rootId null: every customer of the account). */
  async run(rootId: string | null, options: SyncOptions = {}): Promise<SyncResult> {
    const { signal, onProgress } = options;
    const startedAt = this.now();
    const seen = new Set<string>();
    // Returned by the server but unreadable: not lost from the cache, counted in the result.
    const unreadable = new Set<string>();
    let unreadableWithoutId = 0;
    const onSetAside = (items: SetAsideItem[]) => {
      for (const item of items) {
        if (item.part !== '') continue; // read in part: the customer itself arrived
        if (item.customerId === null) unreadableWithoutId++;
        else unreadable.add(item.customerId);
      }
    };
    let pages = 0;
    let total: number | undefined;
    const stopIfCancelled = () => {
      if (signal?.aborted) {
        throw new AppError({
          kind: 'Cancelled',
          message: `Cancelled the download for offline use after ${plural(seen.size, 'customer')}; the subtree is not marked as available offline.`,
          ...(rootId === null ? {} : { customerId: rootId }),
        });
      }
    };
    const receive = (customers: Customer[], countsAsPage: boolean) => {
      const fresh = customers.filter((c) => !seen.has(c.id));
      // Stored by the client's write-through hook (ConsoleWorkspaces.writeThrough), not here.
      for (const c of fresh) seen.add(c.id);
      if (countsAsPage) pages++;
      const progress: SyncProgress = { fetched: seen.size, pages };
      if (total !== undefined) progress.total = Math.max(total, seen.size);
      onProgress?.(progress);
    };

    stopIfCancelled();
    if (rootId !== null) receive([await this.deps.client.getCustomer(rootId)], false);
    stopIfCancelled();

    const query: ListCustomersQuery = { accountIds: [this.deps.accountId], countPerPage: this.pageSize, page: 0 };
    if (rootId !== null) query.parentCustomerIds = [rootId];
    const first = await this.deps.client.listCustomers(query);
    if (first.totalCount !== undefined && first.totalCount > 0) total = first.totalCount + (rootId === null ? 0 : 1);
    onSetAside(first.setAside);
    receive(first.items, true);
    stopIfCancelled();

    if (first.hasMorePages !== false && first.items.length + first.setAside.length > 0) {
      for await (const items of this.deps.client.customerPages({ ...query, page: 1 }, { onSetAside })) {
        receive(items, true); // keep the page that was in flight when cancel came...
        stopIfCancelled(); // ...but ask for no further page
      }
    }
    stopIfCancelled();

    const cache = this.deps.cache;
    const removed = cache.pruneSubtree(rootId, new Set([...seen, ...unreadable]), this.deps.accountId);
    cache.recountChildren(rootId);
    cache.markSubtreeSynced(rootId, seen.size, startedAt);
    return { rootId, count: seen.size, pages, syncedAt: startedAt, removed, unreadable: unreadable.size + unreadableWithoutId };
  }
}
