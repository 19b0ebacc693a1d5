/* The offline customer cache as the rest of the app uses it: the SQL store (./customer-store.ts)
 * behind a write-behind queue. Write-through copies from the API client (upsertCustomersSoon)
 * are written on the next event-loop turn instead of inside the response handler, so the
 * client's next request (e.g. the next page of a sync) is already on the wire while SQLite
 * writes. Every other call goes through `flushed`, which writes the queue first, so no reader
 * ever misses a queued copy and writes keep their arrival order. A failed background write goes
 * to onWriteError: the cache must never break a live read. */
import type { Customer } from '../../shared/evo/schemas';
import type { OpenCacheOptions, OpenedCacheDatabase } from './database';
import { CustomerStore, type CustomerBatch } from './customer-store';

type Args<K extends keyof CustomerStore> = CustomerStore[K] extends (...args: infer A) => unknown ? A : never;

export interface OpenCustomerCacheOptions extends OpenCacheOptions {
  onWriteError?: (error: unknown) => void;
}

export class CustomerCache {
  private queue: CustomerBatch[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly now: () => number;
  private readonly onWriteError: (error: unknown) => void;

  constructor(
    private readonly store: CustomerStore,
    options: { now?: () => number; onWriteError?: (error: unknown) => void } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.onWriteError = options.onWriteError ?? (() => undefined);
  }

  /** Opens (creating, migrating or rebuilding) the profile's cache file. */
  static open(options: OpenCustomerCacheOptions): Omit<OpenedCacheDatabase, 'db'> & { cache: CustomerCache } {
    const { store, ...opened } = CustomerStore.open(options);
    return { ...opened, cache: new CustomerCache(store, options) };
  }

  /** Write-through entry point (the API client's onCustomers hook): queued, written on the next turn. */
  upsertCustomersSoon(customers: readonly Customer[], fetchedAt: number = this.now()): void {
    if (customers.length === 0 || !this.store.isOpen) return;
    this.queue.push({ customers, fetchedAt });
    this.scheduled ??= setImmediate(() => {
      try {
        this.flushPending();
      } catch (error) {
        this.onWriteError(error);
      }
    });
  }

  /** Writes every queued batch now (one transaction). */
  flushPending(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.queue.length === 0) return;
    const batches = this.queue;
    this.queue = [];
    this.store.upsertBatches(batches);
  }

  /** The store, with the queue written first. */
  private get flushed(): CustomerStore {
    this.flushPending();
    return this.store;
  }

  // ---- writes ----
  upsertCustomers = (...args: Args<'upsertCustomers'>) => this.flushed.upsertCustomers(...args);
  upsertTags = (...args: Args<'upsertTags'>) => this.flushed.upsertTags(...args);
  setChildCount = (...args: Args<'setChildCount'>) => this.flushed.setChildCount(...args);
  recountChildren = (...args: Args<'recountChildren'>) => this.flushed.recountChildren(...args);
  pruneSubtree = (...args: Args<'pruneSubtree'>) => this.flushed.pruneSubtree(...args);
  markSubtreeSynced = (...args: Args<'markSubtreeSynced'>) => this.flushed.markSubtreeSynced(...args);

  // ---- reads ----
  get = (...args: Args<'get'>) => this.flushed.get(...args);
  children = (...args: Args<'children'>) => this.flushed.children(...args);
  search = (...args: Args<'search'>) => this.flushed.search(...args);
  byReferenceId = (...args: Args<'byReferenceId'>) => this.flushed.byReferenceId(...args);
  ancestors = (...args: Args<'ancestors'>) => this.flushed.ancestors(...args);
  descendants = (...args: Args<'descendants'>) => this.flushed.descendants(...args);
  stagingCounts = (...args: Args<'stagingCounts'>) => this.flushed.stagingCounts(...args);
  subtreeSyncState = (...args: Args<'subtreeSyncState'>) => this.flushed.subtreeSyncState(...args);
  onStaging = (...args: Args<'onStaging'>) => this.flushed.onStaging(...args);
  tags = (...args: Args<'tags'>) => this.flushed.tags(...args);
  childCount = (...args: Args<'childCount'>) => this.flushed.childCount(...args);

  /** Forgets every cached customer, tag and sync record ("Clear cached data"), queued copies included. */
  clear(): void {
    this.queue = [];
    this.flushed.clear();
  }

  close(): void {
    if (!this.store.isOpen) return;
    try {
      this.flushPending();
    } catch (error) {
      this.onWriteError(error);
    }
    this.store.close();
  }
}
