/* What the customer reads answer, in every process: the main-process CustomerService returns
 * these, the IPC contract sends them, the renderer and the CLI show them. Each answer says
 * where it came from: the server, or the offline cache with the time the copy was received. */
import type { Schedule, Tag } from './evo/schemas';
import type { Customer } from './evo/schemas';

export type DataSource = 'server' | 'cache';

export interface Sourced {
  source: DataSource;
  /** When the data was received from the server (ms since epoch); for a list, its oldest item.
   * null only for an empty answer from the cache (nothing of it was ever cached). */
  fetchedAt: number | null;
}

export interface CustomerResult extends Sourced {
  customer: Customer;
  fetchedAt: number;
}

export interface CustomerListResult extends Sourced {
  items: Customer[];
  total: number;
  page: number;
  pageSize: number;
}

/** How far a reference-id match could look: the API has no reference-id filter, so reference
 * ids are matched in the account's offline copy. */
export interface ReferenceIdCoverage {
  /** 'account': the whole account was downloaded at `syncedAt`; 'partial': only the customers
   * cached so far (browsed, searched or synced subtrees); 'none': nothing is cached. */
  copy: 'account' | 'partial' | 'none';
  syncedAt: number | null;
}

/** Customers matching a text by id, name or reference id (CustomerService.find). */
export interface CustomerFindResult extends CustomerListResult {
  referenceIds: ReferenceIdCoverage;
}

export interface BreadcrumbEntry {
  id: string;
  name?: string;
}

export interface BreadcrumbResult extends Sourced {
  /** Root first, the customer itself excluded. */
  items: BreadcrumbEntry[];
}

export interface TagsResult extends Sourced {
  items: Tag[];
}

export interface InheritedScheduleResult extends Sourced {
  /** null: the server says there is no schedule to inherit. */
  schedule: Schedule | null;
}

export interface StagingCounts {
  staging: number;
  production: number;
  total: number;
}

export interface StagingCountsResult extends StagingCounts {
  /** Counted from the cache; complete only when the subtree was made available offline. */
  source: 'cache';
  fetchedAt: number | null;
  /** When the subtree was last downloaded completely, if ever. */
  syncedAt?: number;
  complete: boolean;
}

/** Progress of "Make available offline". */
export interface SyncProgress {
  /** Customers received so far (the subtree root included). */
  fetched: number;
  /** Expected total, when the server reports one. */
  total?: number;
  /** Pages received so far. */
  pages: number;
}

export interface SyncProgressEvent extends SyncProgress {
  /** null = the whole account. */
  rootId: string | null;
}

/** "Make available offline" finished. */
export interface SyncResult {
  /** null = the whole account. */
  rootId: string | null;
  count: number;
  pages: number;
  /** When the download started: every copy in the subtree is at least this fresh. */
  syncedAt: number;
  /** Cached customers of the subtree that the server no longer returned. */
  removed: number;
  /** Customers the server returned that could not be read (named in a notice; an older cached copy is kept). */
  unreadable: number;
}
