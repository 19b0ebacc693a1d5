/* The offline customer cache's SQL: upserts of every customer the client reads, and the queries
 * the console needs when the server cannot answer. Synchronous and unbuffered; the rest of the
 * app uses it through CustomerCache (./customer-cache.ts), which adds the write-behind queue.
 * Holds only customer and tag data as received from the server (never credentials). Every
 * customer it returns carries `fetchedAt`, the time its copy was received, so the UI can say how
 * old it is. */
import type { StagingCounts } from '../../shared/customers';
import type Database from 'better-sqlite3';
import type { Tag } from '../../shared/evo/schemas';
import type { Customer } from '../../shared/evo/schemas';
import { openCacheDatabase, type OpenCacheOptions, type OpenedCacheDatabase } from './database';
import { foldName } from './fold';
import {
  ancestorIdsFromBreadcrumb,
  ancestorIdsFromPath,
  descendantPrefix,
  parentOf,
  pathSegment,
  prefixUpperBound,
  toRow,
  type CustomerRow,
} from './customer-rows';

export interface CachedCustomer {
  customer: Customer;
  /** When this copy was received from the server (ms since epoch). */
  fetchedAt: number;
}

export interface CachedTag {
  accountId: string;
  id: string;
  name?: string;
  color?: string;
  fetchedAt: number;
}

export interface AncestorEntry {
  id: string;
  name?: string;
  /** Undefined when the ancestor itself is not cached (its name comes from a breadcrumb). */
  fetchedAt?: number;
}

export interface ChildrenQuery {
  offset?: number;
  limit?: number;
  /** Case- and accent-insensitive "name contains". */
  search?: string;
  /** The customer must carry every one of these tags (same rule as the server's tagIds). */
  tagIds?: readonly string[];
}

export interface SearchQuery {
  limit?: number;
  tagIds?: readonly string[];
}

export interface Paged<T> {
  items: T[];
  total: number;
}

/** Customers received together, with the time they were received. */
export interface CustomerBatch {
  customers: readonly Customer[];
  fetchedAt: number;
}

export interface SubtreeSyncState {
  /** null = the whole account. */
  rootId: string | null;
  syncedAt: number;
  count: number;
}

/** subtree_sync key for "the whole account" (ids are never empty). */
const WHOLE_ACCOUNT = '';
const DEFAULT_LIMIT = 100;
/** Shortest search the trigram index (migration 002) can answer; shorter ones scan. */
const TRIGRAM = 3;
/** Above this many matching names, walking the name index in order is cheaper than sorting the matches. */
const FEW_MATCHES = 300;

interface StoredRow {
  id: string;
  json: string;
  fetched_at: number;
}

type Statement = Database.Statement<unknown[], unknown>;

export class CustomerStore {
  private readonly now: () => number;
  private readonly stmt: Record<
    'pathOf' | 'upsert' | 'deleteTags' | 'insertCustomerTag' | 'insertTagIfMissing' | 'upsertTag' | 'get' | 'markSynced' | 'syncState',
    Statement
  >;

  constructor(
    private readonly db: Database.Database,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.stmt = {
      pathOf: db.prepare('SELECT path FROM customers WHERE id = ?').pluck(),
      upsert: db.prepare(`
        INSERT INTO customers (id, account_id, parent_id, name, name_folded, reference_id, is_staging, path, depth, json, fetched_at)
        VALUES (@id, @account_id, @parent_id, @name, @name_folded, @reference_id, @is_staging, @path, @depth, @json, @fetched_at)
        ON CONFLICT (id) DO UPDATE SET
          account_id = excluded.account_id, parent_id = excluded.parent_id, name = excluded.name,
          name_folded = excluded.name_folded, reference_id = excluded.reference_id, is_staging = excluded.is_staging,
          path = excluded.path, depth = excluded.depth, json = excluded.json, fetched_at = excluded.fetched_at`),
      deleteTags: db.prepare('DELETE FROM customer_tags WHERE customer_id = ?'),
      insertCustomerTag: db.prepare('INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?, ?)'),
      insertTagIfMissing: db.prepare(
        'INSERT INTO tags (account_id, id, name, color, fetched_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, id) DO NOTHING',
      ),
      upsertTag: db.prepare(`
        INSERT INTO tags (account_id, id, name, color, fetched_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (account_id, id) DO UPDATE SET name = excluded.name, color = excluded.color, fetched_at = excluded.fetched_at`),
      get: db.prepare('SELECT id, json, fetched_at FROM customers WHERE id = ?'),
      markSynced: db.prepare(
        'INSERT INTO subtree_sync (root_id, synced_at, count) VALUES (?, ?, ?) ON CONFLICT (root_id) DO UPDATE SET synced_at = excluded.synced_at, count = excluded.count',
      ),
      syncState: db.prepare('SELECT root_id, synced_at, count FROM subtree_sync WHERE root_id = ?'),
    };
  }

  /** Opens (creating, migrating or rebuilding) the profile's cache file. */
  static open(options: OpenCacheOptions): Omit<OpenedCacheDatabase, 'db'> & { store: CustomerStore } {
    const { db, ...opened } = openCacheDatabase(options);
    return { ...opened, store: new CustomerStore(db, { now: options.now }) };
  }

  /** The connection is open (false after close()). */
  get isOpen(): boolean {
    return this.db.open;
  }

  // ---- writes -------------------------------------------------------------

  /** Stores customers as received (one transaction). Parent and ancestor path come from
   * `parentCustomerId` + `breadcrumb`; when a customer moved, its cached descendants move too. */
  upsertCustomers(customers: readonly Customer[], fetchedAt: number = this.now()): void {
    this.upsertBatches([{ customers, fetchedAt }]);
  }

  /** Several batches in one transaction, in order (a later copy of a customer wins). */
  upsertBatches(batches: readonly CustomerBatch[]): void {
    if (batches.every((b) => b.customers.length === 0)) return;
    this.db.transaction(() => {
      for (const batch of batches) for (const customer of batch.customers) this.upsertOne(customer, batch.fetchedAt);
    })();
  }

  private upsertOne(customer: Customer, fetchedAt: number): void {
    const row = toRow(customer, this.ancestorIdsFor(customer), fetchedAt);
    const oldPath = this.stmt.pathOf.get(row.id) as string | undefined;
    if (oldPath !== undefined && oldPath !== row.path) this.movePrefix(descendantPrefix(oldPath, row.id), descendantPrefix(row.path, row.id));
    this.stmt.upsert.run(row satisfies CustomerRow);
    if (customer.tags !== undefined) {
      if (oldPath !== undefined) this.stmt.deleteTags.run(row.id); // a new row has no links to replace
      for (const tag of customer.tags) {
        this.stmt.insertCustomerTag.run(row.id, tag.id);
        if (row.account_id !== null) this.stmt.insertTagIfMissing.run(row.account_id, tag.id, tag.name ?? null, tag.color ?? null, fetchedAt);
      }
    }
  }

  private ancestorIdsFor(customer: Customer): string[] {
    const fromBreadcrumb = ancestorIdsFromBreadcrumb(customer);
    if (fromBreadcrumb) return fromBreadcrumb;
    // No usable breadcrumb: derive from the cached parent if we have it, else the parent alone.
    const parent = parentOf(customer) as string;
    const parentPath = this.stmt.pathOf.get(parent) as string | undefined;
    return parentPath === undefined ? [parent] : [...ancestorIdsFromPath(parentPath), parent];
  }

  private movePrefix(oldPrefix: string, newPrefix: string): void {
    const depthDelta = newPrefix.split('/').length - oldPrefix.split('/').length;
    this.db
      .prepare('UPDATE customers SET path = ? || substr(path, ?), depth = depth + ? WHERE path >= ? AND path < ?')
      .run(newPrefix, oldPrefix.length + 1, depthDelta, oldPrefix, prefixUpperBound(oldPrefix));
  }

  /** Replaces the account's tag catalogue entries (GET /system/settings → tags). */
  upsertTags(accountId: string, tags: readonly Tag[], fetchedAt: number = this.now()): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM tags WHERE account_id = ?').run(accountId);
      for (const tag of tags) {
        if (tag.id) this.stmt.upsertTag.run(accountId, tag.id, tag.name ?? null, tag.color ?? null, fetchedAt);
      }
    })();
  }

  /** Records a server-reported number of children (e.g. totalCount of an unfiltered children page). */
  setChildCount(parentId: string, count: number): void {
    this.db.prepare('UPDATE customers SET child_count = ? WHERE id = ?').run(count, parentId);
  }

  /** After a complete subtree download: every node in it now knows its exact child count. */
  recountChildren(rootId: string | null): void {
    const counted = 'child_count = (SELECT count(*) FROM customers c WHERE c.parent_id = customers.id)';
    if (rootId === null) {
      this.db.prepare(`UPDATE customers SET ${counted}`).run();
      return;
    }
    const range = this.subtreeRange(rootId);
    if (!range) return;
    this.db.prepare(`UPDATE customers SET ${counted} WHERE id = ? OR (path >= ? AND path < ?)`).run(rootId, range.from, range.to);
  }

  /** Deletes cached descendants of rootId (or, for null, the account's cached customers) that a
   * complete download did not return: they were deleted or moved away on the server. */
  pruneSubtree(rootId: string | null, keepIds: Iterable<string>, accountId?: string): number {
    return this.db.transaction(() => {
      this.db.exec('CREATE TEMP TABLE IF NOT EXISTS keep_ids (id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.keep_ids;');
      const keep = this.db.prepare('INSERT OR IGNORE INTO temp.keep_ids (id) VALUES (?)');
      for (const id of keepIds) keep.run(id);
      let removed = 0;
      if (rootId === null) {
        removed = this.db
          .prepare('DELETE FROM customers WHERE (? IS NULL OR account_id = ?) AND id NOT IN (SELECT id FROM temp.keep_ids)')
          .run(accountId ?? null, accountId ?? null).changes;
      } else {
        const range = this.subtreeRange(rootId);
        if (range) {
          removed = this.db
            .prepare('DELETE FROM customers WHERE path >= ? AND path < ? AND id NOT IN (SELECT id FROM temp.keep_ids)')
            .run(range.from, range.to).changes;
        }
      }
      this.db.exec('DELETE FROM temp.keep_ids');
      return removed;
    })();
  }

  markSubtreeSynced(rootId: string | null, count: number, at: number = this.now()): void {
    this.stmt.markSynced.run(rootId ?? WHOLE_ACCOUNT, at, count);
  }

  /** Forgets every cached customer, tag and sync record ("Clear cached data"). */
  clear(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM customer_tags; DELETE FROM customers; DELETE FROM tags; DELETE FROM subtree_sync;');
    })();
    // Give the space (customer details) back rather than leaving it in free pages.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.exec('VACUUM');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- reads --------------------------------------------------------------

  get(id: string): CachedCustomer | undefined {
    const row = this.stmt.get.get(id) as StoredRow | undefined;
    return row ? toCached(row) : undefined;
  }

  /** Children of parentId (null = the roots), sorted by name, paged, optionally filtered. */
  children(parentId: string | null, query: ChildrenQuery = {}): Paged<CachedCustomer> {
    const where = ['c.parent_id IS ?'];
    const params: unknown[] = [parentId];
    this.addFilters(where, params, query.search, query.tagIds);
    return this.paged(where, params, query.offset ?? 0, query.limit ?? DEFAULT_LIMIT);
  }

  /** Case- and accent-insensitive "name contains" over every cached customer, sorted by name.
   * Two plans, chosen by how many names match (counted in the trigram index, migration 002):
   * few matches → fetch exactly those rows and sort them; many → walk the name index in order
   * and stop at `limit` (matches are dense, so that ends early). Either way no query reads
   * thousands of 3 KB rows. Searches shorter than a trigram always walk the name index. */
  search(text: string, query: SearchQuery = {}): Paged<CachedCustomer> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const folded = foldName(text.trim());
    const where: string[] = [];
    const params: unknown[] = [];
    this.addFilters(where, params, undefined, query.tagIds);
    if ([...folded].length < TRIGRAM) {
      this.addFilters(where, params, text, undefined);
      return this.paged(where, params, 0, limit);
    }
    const phrase = `"${folded.replace(/"/g, '""')}"`;
    const matches = this.db.prepare('SELECT count(*) FROM customers_name_fts WHERE customers_name_fts MATCH ?').pluck().get(phrase) as number;
    // A trigram phrase matches exactly the names containing it, so without a tag filter the
    // index's count is the total and no second pass over the names is needed.
    const knownTotal = where.length === 0 ? matches : undefined;
    if (matches > FEW_MATCHES) {
      this.addFilters(where, params, text, undefined);
      return this.paged(where, params, 0, limit, knownTotal);
    }
    where.push('c.rowid IN (SELECT rowid FROM customers_name_fts WHERE customers_name_fts MATCH ?)');
    params.push(phrase);
    return this.paged(where, params, 0, limit, knownTotal);
  }


  /** Customers whose reference id is exactly `referenceId` (case-insensitive), by name. Reference
   * ids are not indexed: this scans the cached rows of the profile (tens of ms for 50,000). */
  byReferenceId(referenceId: string, limit = DEFAULT_LIMIT): CachedCustomer[] {
    const wanted = referenceId.trim();
    if (wanted === '') return [];
    const rows = this.db
      .prepare('SELECT id, json, fetched_at FROM customers WHERE reference_id = ? COLLATE NOCASE ORDER BY name_folded, id LIMIT ?')
      .all(wanted, limit) as StoredRow[];
    return rows.map(toCached);
  }
  /** The path from the root down to id's parent (id excluded). Names of ancestors that are not
   * cached themselves come from id's breadcrumb. Empty for a root or an unknown id. */
  ancestors(id: string): AncestorEntry[] {
    const path = this.stmt.pathOf.get(id) as string | undefined;
    if (path === undefined) return [];
    const ids = ancestorIdsFromPath(path);
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT id, name, fetched_at FROM customers WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids) as { id: string; name: string; fetched_at: number }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const breadcrumbNames = new Map((this.get(id)?.customer.breadcrumb ?? []).map((b) => [b.id, b.name]));
    return ids.map((ancestorId) => {
      const row = byId.get(ancestorId);
      if (row) return { id: ancestorId, name: row.name, fetchedAt: row.fetched_at };
      const name = breadcrumbNames.get(ancestorId);
      return name === undefined ? { id: ancestorId } : { id: ancestorId, name };
    });
  }

  /** Every cached customer below id (not id itself), parents before children. */
  descendants(id: string): CachedCustomer[] {
    const range = this.subtreeRange(id);
    const rows = range
      ? this.db.prepare('SELECT id, json, fetched_at FROM customers WHERE path >= ? AND path < ? ORDER BY depth, name_folded, id').all(range.from, range.to)
      : this.db
          .prepare("SELECT id, json, fetched_at FROM customers WHERE instr(path, '/' || ? || '/') > 0 ORDER BY depth, name_folded, id")
          .all(pathSegment(id));
    return (rows as StoredRow[]).map(toCached);
  }

  /** Staging vs production among rootId and its cached descendants (null = every cached customer).
   * Customers whose flag is unknown count only in `total`. */
  stagingCounts(rootId: string | null): StagingCounts {
    const sums = 'coalesce(sum(is_staging = 1), 0) AS staging, coalesce(sum(is_staging = 0), 0) AS production, count(*) AS total';
    if (rootId === null) return this.db.prepare(`SELECT ${sums} FROM customers`).get() as StagingCounts;
    const range = this.subtreeRange(rootId);
    if (!range) return { staging: 0, production: 0, total: 0 };
    return this.db
      .prepare(
        `SELECT ${sums} FROM (SELECT is_staging FROM customers WHERE id = ? UNION ALL SELECT is_staging FROM customers WHERE path >= ? AND path < ?)`,
      )
      .get(rootId, range.from, range.to) as StagingCounts;
  }

  /** Customers on staging: rootId and its cached descendants (null = every cached customer), by name. */
  onStaging(rootId: string | null): CachedCustomer[] {
    const select = 'SELECT id, json, fetched_at FROM customers WHERE is_staging = 1';
    if (rootId === null) return (this.db.prepare(`${select} ORDER BY name_folded, id`).all() as StoredRow[]).map(toCached);
    const range = this.subtreeRange(rootId);
    if (!range) return [];
    const rows = this.db.prepare(`${select} AND (id = ? OR (path >= ? AND path < ?)) ORDER BY name_folded, id`).all(rootId, range.from, range.to) as StoredRow[];
    return rows.map(toCached);
  }

  subtreeSyncState(rootId: string | null): SubtreeSyncState | undefined {
    const row = this.stmt.syncState.get(rootId ?? WHOLE_ACCOUNT) as { root_id: string; synced_at: number; count: number } | undefined;
    return row ? { rootId: row.root_id === WHOLE_ACCOUNT ? null : row.root_id, syncedAt: row.synced_at, count: row.count } : undefined;
  }

  tags(accountId: string): CachedTag[] {
    const rows = this.db.prepare('SELECT account_id, id, name, color, fetched_at FROM tags WHERE account_id = ? ORDER BY name, id').all(accountId) as {
      account_id: string;
      id: string;
      name: string | null;
      color: string | null;
      fetched_at: number;
    }[];
    return rows.map((r) => ({
      accountId: r.account_id,
      id: r.id,
      ...(r.name === null ? {} : { name: r.name }),
      ...(r.color === null ? {} : { color: r.color }),
      fetchedAt: r.fetched_at,
    }));
  }

  /** The number of cached children of parentId as known from the server, if recorded. */
  childCount(parentId: string): number | undefined {
    const value = this.db.prepare('SELECT child_count FROM customers WHERE id = ?').pluck().get(parentId) as number | null | undefined;
    return value ?? undefined;
  }

  // ---- helpers --------------------------------------------------------------

  private subtreeRange(rootId: string): { from: string; to: string } | undefined {
    const path = this.stmt.pathOf.get(rootId) as string | undefined;
    if (path === undefined) return undefined;
    const from = descendantPrefix(path, rootId);
    return { from, to: prefixUpperBound(from) };
  }

  private addFilters(where: string[], params: unknown[], search: string | undefined, tagIds: readonly string[] | undefined): void {
    const folded = search === undefined ? '' : foldName(search.trim());
    if (folded !== '') {
      where.push('instr(c.name_folded, ?) > 0');
      params.push(folded);
    }
    const tags = [...new Set(tagIds ?? [])];
    if (tags.length > 0) {
      where.push(
        `c.id IN (SELECT customer_id FROM customer_tags WHERE tag_id IN (${tags.map(() => '?').join(',')}) GROUP BY customer_id HAVING count(*) = ?)`,
      );
      params.push(...tags, tags.length);
    }
  }

  private paged(where: string[], params: unknown[], offset: number, limit: number, knownTotal?: number): Paged<CachedCustomer> {
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = knownTotal ?? (this.db.prepare(`SELECT count(*) FROM customers c ${clause}`).pluck().get(...params) as number);
    const rows = this.db
      .prepare(`SELECT c.id, c.json, c.fetched_at FROM customers c ${clause} ORDER BY c.name_folded, c.id LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as StoredRow[];
    return { items: rows.map(toCached), total };
  }
}

function toCached(row: StoredRow): CachedCustomer {
  // Validated before it was stored; re-validating 2 KB per row on every read would cost more than it protects.
  return { customer: JSON.parse(row.json) as Customer, fetchedAt: row.fetched_at };
}
