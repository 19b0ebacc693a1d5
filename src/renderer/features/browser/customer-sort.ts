/* Sorting the customer table. The server pages children by name (the one sort key the API is
 * known to honour: the other `sortField` names are UNCONFIRMED, see shared/evo/assumptions.ts),
 * so the default order (name, A→Z) pages from the server as the user scrolls. Any other order
 * is applied here, to the WHOLE filtered list: the table loads every row first (with progress)
 * and sorts them, so the order is never "sorted among the rows that happened to be loaded".
 * Lists longer than SORT_ROW_LIMIT keep the server's order and say why. */
import { asText, type Customer } from '../../../shared/evo/schemas';
import { routingOf } from '../../../shared/routing-words';

export type SortField = 'name' | 'referenceId' | 'routing' | 'children' | 'lastChanged';
export interface CustomerSort {
  field: SortField;
  direction: 'asc' | 'desc';
}

/** Above this many rows a non-default sort is not offered (loading them all would take long). */
export const SORT_ROW_LIMIT = 20_000;

export const isServerOrder = (sort: CustomerSort) => sort.field === 'name' && sort.direction === 'asc';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const ROUTING_RANK = { staging: 0, normal: 1 } as const;
const routingRank = (c: Customer) => {
  const routing = routingOf(c.isStaging);
  return routing === 'unknown' ? undefined : ROUTING_RANK[routing];
};

function time(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** Compares two defined values; undefined (unknown) always sorts last, whatever the direction. */
function compareKnown<T>(a: T | undefined, b: T | undefined, cmp: (x: T, y: T) => number, desc: boolean): number {
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : 1) : -1;
  const r = cmp(a, b);
  return desc ? -r : r;
}

/** A new array in the chosen order; ties by name, then id (stable across reloads). */
export function sortCustomers(rows: readonly Customer[], sort: CustomerSort, childCountOf: (id: string) => number | undefined = () => undefined): Customer[] {
  const desc = sort.direction === 'desc';
  const text = (x: string, y: string) => collator.compare(x, y);
  const num = (x: number, y: number) => x - y;
  const byField = (a: Customer, b: Customer): number => {
    switch (sort.field) {
      case 'name':
        return compareKnown(a.name || undefined, b.name || undefined, text, desc);
      case 'referenceId':
        return compareKnown(a.referenceId || undefined, b.referenceId || undefined, text, desc);
      case 'routing':
        return compareKnown(routingRank(a), routingRank(b), num, desc);
      case 'children':
        return compareKnown(childCountOf(a.id), childCountOf(b.id), num, desc);
      case 'lastChanged':
        return compareKnown(time(asText(a.dateLastModified)), time(asText(b.dateLastModified)), num, desc);
    }
  };
  return [...rows].sort((a, b) => byField(a, b) || collator.compare(a.name ?? '', b.name ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
