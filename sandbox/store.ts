/* In-memory customers: the current state (copy-on-write over the immutable seed),
 * a parent → children index, descendants, and the staging write log. */
import type { RawCustomer, WriteRecord } from './types';

export class CustomerStore {
  private byId = new Map<string, RawCustomer>();
  private readonly order: string[];
  private readonly childIds = new Map<string, string[]>();
  private writeLog: WriteRecord[] = [];
  /** Serialised form per customer object; objects are replaced on write, so entries never go stale. */
  private readonly jsonCache = new WeakMap<RawCustomer, string>();
  /** Derived views of the current state (e.g. sorted orders), dropped on every change. */
  private derived = new Map<string, unknown>();

  constructor(private readonly seeded: readonly RawCustomer[]) {
    this.order = seeded.map((c) => c.id);
    for (const c of seeded) {
      if (!c.parentCustomerId) continue;
      const list = this.childIds.get(c.parentCustomerId) ?? [];
      list.push(c.id);
      this.childIds.set(c.parentCustomerId, list);
    }
    this.reset();
  }

  /** Back to the seeded state; clears the write log. (The tree never changes, so the index stays.) */
  reset(): void {
    this.byId = new Map(this.seeded.map((c) => [c.id, c]));
    this.writeLog = [];
    this.derived.clear();
  }

  /** A value computed from the current state, kept until the next write or reset. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.derived.has(key)) this.derived.set(key, compute());
    return this.derived.get(key) as T;
  }

  get(id: string): RawCustomer | undefined {
    return this.byId.get(id);
  }

  /** Every customer in seed order. */
  all(): RawCustomer[] {
    return this.order.map((id) => this.byId.get(id) as RawCustomer);
  }

  /** Any one customer (for field-name lookups). */
  sample(): RawCustomer | undefined {
    const id = this.order[0];
    return id === undefined ? undefined : this.byId.get(id);
  }

  get size(): number {
    return this.order.length;
  }

  children(id: string): RawCustomer[] {
    return (this.childIds.get(id) ?? []).map((childId) => this.byId.get(childId) as RawCustomer);
  }

  /** All descendants (not the customer itself), breadth first. */
  descendants(id: string): RawCustomer[] {
    const out: RawCustomer[] = [];
    const queue = [...(this.childIds.get(id) ?? [])];
    for (let i = 0; i < queue.length; i++) {
      const childId = queue[i] as string;
      out.push(this.byId.get(childId) as RawCustomer);
      const grand = this.childIds.get(childId);
      if (grand) queue.push(...grand);
    }
    return out;
  }

  /** Ancestors nearest first. */
  ancestors(id: string): RawCustomer[] {
    const out: RawCustomer[] = [];
    let parentId = this.byId.get(id)?.parentCustomerId;
    while (parentId) {
      const parent = this.byId.get(parentId);
      if (!parent) break;
      out.push(parent);
      parentId = parent.parentCustomerId;
    }
    return out;
  }

  setStaging(id: string, isStaging: boolean, who: { user: string; sessionNo: number }, at: Date): RawCustomer {
    const before = this.byId.get(id);
    if (!before) throw new Error(`unknown customer ${id}`);
    const after: RawCustomer = { ...before, isStaging, dateLastModified: at.toISOString(), lastModifiedBy: who.user };
    this.byId.set(id, after);
    this.derived.clear();
    this.writeLog.push({ at: at.toISOString(), customerId: id, from: before.isStaging === true, to: isStaging, user: who.user, sessionNo: who.sessionNo });
    return after;
  }

  /** The customer's JSON, cached: large list pages are joined from these instead of re-serialised. */
  json(customer: RawCustomer): string {
    let text = this.jsonCache.get(customer);
    if (text === undefined) {
      text = JSON.stringify(customer);
      this.jsonCache.set(customer, text);
    }
    return text;
  }

  writes(): WriteRecord[] {
    return [...this.writeLog];
  }
}
