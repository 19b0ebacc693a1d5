/* CustomerService: the one place the app and the CLI read customers.
 *
 * Online, reads go to the server (and the client writes what it reads through to the cache:
 * ConsoleWorkspaces.writeThrough, wired by createAppServices).
 * When the server cannot be reached — connectivity says offline, or this very request failed
 * with a network error or timeout — reads are answered from the cache, marked
 * `source: 'cache'` with the time the copies were received (`fetchedAt`; the oldest one for a
 * list), so the UI never shows old data as current. Writes are refused while offline.
 *
 * Root customers: the API has no "roots only" filter (assumptions.ts: rootHasEmptyParent), so
 * the roots come from one download of the whole account (which also makes it available
 * offline), re-downloaded when older than `rootsMaxAgeMs`. */
import { AppError, isErrorKind } from '../../shared/errors';
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';
import type { Customer, Schedule, Tag, TestScheduleResponse } from '../../shared/evo/schemas';
import type { EvoClient, ListCustomersQuery } from '../api/evo-client';
import { hasAllTags } from '../../shared/bulk/plan-logic';
import type {
  BreadcrumbResult,
  CustomerFindResult,
  CustomerListResult,
  CustomerResult,
  InheritedScheduleResult,
  StagingCountsResult,
  ReferenceIdCoverage,
  TagsResult,
} from '../../shared/customers';
import type { CustomerCache } from '../cache/customer-cache';
import type { CachedCustomer } from '../cache/customer-store';
import { SubtreeSync, type SyncOptions } from '../cache/subtree-sync';
import type { DataSource, SyncResult } from '../../shared/customers';

export type CustomerServiceClient = Pick<EvoClient, 'listCustomers' | 'customerPages' | 'getCustomer' | 'setStaging' | 'systemSettings' | 'inheritedSchedule' | 'testSchedule'>;

export interface ChildrenOptions {
  page?: number;
  pageSize?: number;
  search?: string;
  tagIds?: string[];
}

export interface SearchOptions {
  limit?: number;
  tagIds?: string[];
}

/** The part of Connectivity the service reads. */
export interface ConnectivityView {
  readonly isOffline: boolean;
}

export interface CustomerServiceDeps {
  client: CustomerServiceClient;
  cache: CustomerCache;
  connectivity: ConnectivityView;
  /** The active account: every call is scoped to it. */
  accountId: string;
  /** Server base URL, named in the offline message. */
  serverUrl: string;
  /** How long a downloaded account listing answers "roots" before it is fetched again. */
  rootsMaxAgeMs?: number;
  pageSize?: number;
  now?: () => number;
}

const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_SEARCH_LIMIT = 100;

/** A NUL cannot be part of a name, and the offline name index (SQLite FTS5) cannot take one in a
 * query: such a search is refused with the reason, online and offline alike. */
function nulInSearch(text: string | undefined): Promise<never> | undefined {
  if (!text?.includes('\0')) return undefined;
  return Promise.reject(
    new AppError({ kind: 'InvalidInput', message: 'The search contains a NUL character (usually from pasted text), which no customer name can contain. Type the search again.' }),
  );
}

export class CustomerService {
  private readonly now: () => number;
  private readonly sync: SubtreeSync;
  private accountListing: Promise<unknown> | undefined;

  constructor(private readonly deps: CustomerServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.sync = new SubtreeSync({
      client: deps.client,
      cache: deps.cache,
      accountId: deps.accountId,
      now: this.now,
    });
  }

  /** Children of parentId (null = root customers), sorted by name, one page. */
  children(parentId: string | null, options: ChildrenOptions = {}): Promise<CustomerListResult> {
    const refused = nulInSearch(options.search);
    if (refused) return refused;
    const page = Math.max(0, options.page ?? 0);
    const pageSize = Math.max(1, options.pageSize ?? this.deps.pageSize ?? DEFAULT_PAGE_SIZE);
    const fromCache = (): CustomerListResult => {
      const found = this.deps.cache.children(parentId, { offset: page * pageSize, limit: pageSize, search: options.search, tagIds: options.tagIds });
      return { ...listFromCache(found.items), total: found.total, page, pageSize };
    };
    if (parentId === null) return this.read(() => this.rootsOnline(fromCache), fromCache);

    return this.read<CustomerListResult>(async () => {
      const query: ListCustomersQuery = {
        accountIds: [this.deps.accountId],
        parentCustomerIds: [parentId],
        shallowParent: true,
        page,
        countPerPage: pageSize,
        sortField: EVO_ASSUMPTIONS.sortFieldName,
        sortOrder: 'Ascend',
      };
      if (options.search?.trim()) query.nameFilter = options.search.trim();
      if (options.tagIds && options.tagIds.length > 0) query.tagIds = options.tagIds;
      const result = await this.deps.client.listCustomers(query);
      const fetchedAt = this.now();
      const total = result.totalCount ?? result.items.length;
      if (!query.nameFilter && !query.tagIds && result.totalCount !== undefined) this.deps.cache.setChildCount(parentId, result.totalCount);
      return { items: result.items, total, page, pageSize, source: 'server', fetchedAt };
    }, fromCache);
  }

  /** One customer. Offline and not cached: AppError Offline. */
  get(id: string): Promise<CustomerResult> {
    return this.read<CustomerResult>(
      async () => {
        const customer = await this.deps.client.getCustomer(id);
        // Every call acts on the active account: a user who can see several accounts must not
        // read (or cache) another account's customer here by its id.
        if (customer.accountId && customer.accountId !== this.deps.accountId) {
          throw new AppError({
            kind: 'Forbidden',
            customerId: id,
            message: `${customer.name ?? id} belongs to account ${customer.accountName ?? customer.accountId}, not the account you are working on. Switch account to work on it.`,
          });
        }
        return { customer, source: 'server', fetchedAt: this.now() };
      },
      () => {
        const cached = this.deps.cache.get(id);
        if (!cached) throw this.notCached(id);
        return { customer: cached.customer, source: 'cache', fetchedAt: cached.fetchedAt };
      },
    );
  }

  /** The schedule id inherits (GetInheritedSchedule). Offline: the nearest cached ancestor's own
   * schedule that does not inherit — the same rule the server applies (see assumptions). */
  inheritedSchedule(id: string): Promise<InheritedScheduleResult> {
    return this.read<InheritedScheduleResult>(
      async () => ({ schedule: await this.deps.client.inheritedSchedule(id), source: 'server', fetchedAt: this.now() }),
      () => {
        if (!this.deps.cache.get(id)) throw this.notCached(id);
        const ancestors = this.deps.cache.ancestors(id).reverse(); // nearest first
        for (const a of ancestors) {
          const cached = this.deps.cache.get(a.id);
          if (!cached) break; // a gap in the offline copy: the answer would be a guess
          const schedule = cached.customer.schedule;
          if (schedule && !schedule.inherit) return { schedule, source: 'cache', fetchedAt: cached.fetchedAt };
        }
        throw this.notCached(id);
      },
    );
  }

  /** The ancestors of id, root first. */
  breadcrumb(id: string): Promise<BreadcrumbResult> {
    return this.read<BreadcrumbResult>(
      async () => {
        const { customer, fetchedAt } = await this.get(id);
        const items = (customer.breadcrumb ?? []).filter((b) => b.id !== id).map((b) => (b.name === undefined ? { id: b.id } : { id: b.id, name: b.name }));
        return { items, source: 'server', fetchedAt };
      },
      () => {
        const self = this.deps.cache.get(id);
        if (!self) throw this.notCached(id);
        const ancestors = this.deps.cache.ancestors(id);
        const times = [self.fetchedAt, ...ancestors.flatMap((a) => (a.fetchedAt === undefined ? [] : [a.fetchedAt]))];
        return {
          items: ancestors.map((a) => (a.name === undefined ? { id: a.id } : { id: a.id, name: a.name })),
          source: 'cache',
          fetchedAt: Math.min(...times),
        };
      },
    );
  }

  /** Customers of the account whose name contains text (case-insensitive; offline also accent-insensitive). */
  search(text: string, options: SearchOptions = {}): Promise<CustomerListResult> {
    const refused = nulInSearch(text);
    if (refused) return refused;
    const limit = Math.max(1, options.limit ?? DEFAULT_SEARCH_LIMIT);
    return this.read<CustomerListResult>(
      async () => {
        const query: ListCustomersQuery = {
          accountIds: [this.deps.accountId],
          nameFilter: text.trim(),
          page: 0,
          countPerPage: limit,
          sortField: EVO_ASSUMPTIONS.sortFieldName,
          sortOrder: 'Ascend',
        };
        if (options.tagIds && options.tagIds.length > 0) query.tagIds = options.tagIds;
        const result = await this.deps.client.listCustomers(query);
        const fetchedAt = this.now();
        return { items: result.items, total: result.totalCount ?? result.items.length, page: 0, pageSize: limit, source: 'server', fetchedAt };
      },
      () => {
        const found = this.deps.cache.search(text, { limit, tagIds: options.tagIds });
        return { ...listFromCache(found.items), total: found.total, page: 0, pageSize: limit };
      },
    );
  }

  /**
   * Customers matching `text` by id (exact), name (contains, as search) or reference id (exact,
   * case-insensitive): id and reference matches first, then name matches, each customer once.
   * The API cannot filter by reference id, so those are looked up in the account's offline copy
   * and then read like any customer (fresh when online); `referenceIds` says how complete and
   * how old that copy is.
   */
  async find(text: string, options: SearchOptions = {}): Promise<CustomerFindResult> {
    const wanted = text.trim();
    const tagIds = options.tagIds ?? [];
    const referenced = wanted === '' ? [] : this.deps.cache.byReferenceId(wanted).map((c) => c.customer.id);
    const [byName, ...exact] = await Promise.all([
      this.search(wanted, options),
      // Ids have no spaces: a name like "McGlynn Group" is not worth a GetCustomer.
      ...(/^\S+$/.test(wanted) ? [wanted] : []).concat(referenced).map((id) => this.getIfReadable(id)),
    ]);
    const seen = new Set<string>();
    const items: Customer[] = [];
    for (const customer of [...exact.map((r) => r?.customer), ...byName.items]) {
      if (!customer || seen.has(customer.id) || !hasAllTags(customer, tagIds)) continue;
      seen.add(customer.id);
      items.push(customer);
    }
    const added = items.length - byName.items.filter((c) => hasAllTags(c, tagIds)).length;
    return { ...byName, items, total: byName.total + Math.max(0, added), referenceIds: this.referenceIdCoverage() };
  }

  /** The account's tag catalogue. */
  tags(accountId: string = this.deps.accountId): Promise<TagsResult> {
    return this.read<TagsResult>(
      async () => {
        const settings = await this.deps.client.systemSettings(accountId);
        const fetchedAt = this.now();
        const items = settings.tags ?? [];
        this.deps.cache.upsertTags(accountId, items, fetchedAt);
        return { items, source: 'server', fetchedAt };
      },
      () => {
        const cached = this.deps.cache.tags(accountId);
        const items: Tag[] = cached.map((t) => ({ id: t.id, ...(t.name === undefined ? {} : { name: t.name }), ...(t.color === undefined ? {} : { color: t.color as Tag['color'] }) }));
        return { items, source: 'cache', fetchedAt: oldest(cached.map((t) => t.fetchedAt)) };
      },
    );
  }

  /** Sets production/staging routing. Refused while offline (never queued). */
  async setStaging(id: string, isStaging: boolean): Promise<CustomerResult> {
    this.refuseWhenOffline();
    const customer = await this.deps.client.setStaging(id, isStaging);
    return { customer, source: 'server', fetchedAt: this.now() };
  }

  /**
   * The server's state of id's schedule at dateTime (TestSchedule), for "state now". The schedule
   * that applies is sent explicitly (the own one, or the inherited one when it inherits), so the
   * answer means the same as the console's own evaluation of it. Online only.
   */
  async testSchedule(id: string, dateTime: string): Promise<TestScheduleResponse> {
    this.refuseWhenOffline();
    const own = this.deps.cache.get(id)?.customer.schedule ?? (await this.get(id)).customer.schedule ?? {};
    let schedule: Schedule = own;
    if (own.inherit) schedule = (await this.deps.client.inheritedSchedule(id)) ?? own;
    return this.deps.client.testSchedule(id, dateTime, schedule);
  }

  /** "Make available offline" for id and its descendants (null = the whole account). */
  async syncSubtree(id: string | null, options: SyncOptions = {}): Promise<SyncResult> {
    this.refuseWhenOffline();
    return this.sync.run(id, options);
  }

  /** Staging vs production in id's subtree, from the cache (exact when the subtree was synced). */
  async stagingCounts(id: string | null): Promise<StagingCountsResult> {
    const counts = this.deps.cache.stagingCounts(id);
    const state = this.deps.cache.subtreeSyncState(id);
    const result: StagingCountsResult = { ...counts, source: 'cache', fetchedAt: state?.syncedAt ?? null, complete: state !== undefined };
    if (state) result.syncedAt = state.syncedAt;
    else if (id !== null) result.fetchedAt = this.deps.cache.get(id)?.fetchedAt ?? null;
    return result;
  }

  /**
   * Every customer of the account on staging (or of `subtreeId`'s subtree), from the offline
   * copy: the API cannot filter by routing. Online, the copy is first refreshed by one listing
   * of the whole account unless that listing is younger than `maxAgeMs` (default: the roots'
   * reuse window); offline (or the listing cannot reach the server), the copy as it is, dated.
   */
  async onStaging(subtreeId: string | null, options: { maxAgeMs?: number } = {}): Promise<{ items: CachedCustomer[]; source: DataSource; listedAt: number | null }> {
    type Found = { items: CachedCustomer[]; source: DataSource; listedAt: number | null };
    const fromCache = (source: DataSource = 'cache'): Found => ({ items: this.deps.cache.onStaging(subtreeId), source, listedAt: this.deps.cache.subtreeSyncState(null)?.syncedAt ?? null });
    return this.read(async () => {
      await this.listAccount(options.maxAgeMs);
      return fromCache('server');
    }, fromCache);
  }

  /** Forgets this profile's cached customer data ("Clear cached data"). */
  async clearCache(): Promise<void> {
    this.accountListing = undefined;
    this.deps.cache.clear();
  }

  // ---- internals ------------------------------------------------------------

  private async read<T>(online: () => Promise<T>, offline: () => T): Promise<T> {
    if (this.deps.connectivity.isOffline) return offline();
    try {
      return await online();
    } catch (error) {
      if (isErrorKind(error, 'Network', 'Timeout')) return offline();
      throw error;
    }
  }

  /** get() for a lookup that only adds to a search: a guess that is no id, or a read that fails, adds nothing. */
  private async getIfReadable(id: string): Promise<CustomerResult | null> {
    try {
      return await this.get(id);
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
  }

  private referenceIdCoverage(): ReferenceIdCoverage {
    const account = this.deps.cache.subtreeSyncState(null);
    if (account) return { copy: 'account', syncedAt: account.syncedAt };
    return { copy: this.deps.cache.stagingCounts(null).total > 0 ? 'partial' : 'none', syncedAt: null };
  }

  /** Lists (downloads) the whole account unless its last listing is younger than maxAgeMs. */
  private async listAccount(maxAgeMs = this.deps.rootsMaxAgeMs ?? 10 * 60_000): Promise<void> {
    const state = this.deps.cache.subtreeSyncState(null);
    if (state && this.now() - state.syncedAt <= maxAgeMs) return;
    // Concurrent callers share one download.
    this.accountListing ??= this.sync.run(null).finally(() => {
      this.accountListing = undefined;
    });
    await this.accountListing;
  }

  private async rootsOnline(fromCache: () => CustomerListResult): Promise<CustomerListResult> {
    await this.listAccount();
    const result = fromCache();
    const syncedAt = this.deps.cache.subtreeSyncState(null)?.syncedAt;
    // The listing came from the server; its age is that of the account download.
    return { ...result, source: 'server', fetchedAt: syncedAt ?? result.fetchedAt };
  }

  private refuseWhenOffline(): void {
    if (this.deps.connectivity.isOffline) {
      throw new AppError({ kind: 'Offline', message: `Offline: changes need a connection to ${this.deps.serverUrl}.` });
    }
  }

  private notCached(id: string): AppError {
    return new AppError({
      kind: 'Offline',
      customerId: id,
      message: `Offline: customer ${id} is not in the offline cache. Connect to ${this.deps.serverUrl}, or make it available offline while connected.`,
    });
  }
}

function listFromCache(items: CachedCustomer[]): { items: Customer[]; source: 'cache'; fetchedAt: number | null } {
  return { items: items.map((i) => i.customer), source: 'cache', fetchedAt: oldest(items.map((i) => i.fetchedAt)) };
}

function oldest(times: number[]): number | null {
  return times.length === 0 ? null : Math.min(...times);
}
