/* ListRequest semantics shared by /customers and /accounts: sort, then page. */
import type { ListResponse } from './wire';
import { EVO_ASSUMPTIONS } from '../src/shared/evo/assumptions';
import type { QueryReader } from './query';
import { validationFailed } from './errors';

export interface PageRequest {
  page: number;
  countPerPage: number;
  all: boolean;
  simplifiedPaging: boolean;
  sortField: string | undefined;
  descending: boolean;
  /** The server ignores sortField (fault): items come in storage order. */
  unsorted: boolean;
}

/** The server's own limits on list requests (fault settings: a page-size cap, sortField support). */
export interface ListLimits {
  maxCountPerPage: number;
  countPerPageOverMax: 'cap' | 'reject';
  sortFieldSupport: 'honoured' | 'ignored' | 'rejected';
}

export function readPageRequest(q: QueryReader, limits?: ListLimits): PageRequest {
  const sortOrder = q.string('sortOrder');
  if (sortOrder !== undefined && sortOrder !== '' && !['ascend', 'descend'].includes(sortOrder.toLowerCase())) {
    throw validationFailed([{ field: 'SortOrder', code: 'InvalidValue', message: `'${sortOrder}' is not a SortOrders value (Ascend, Descend)` }]);
  }
  let countPerPage = q.int('countPerPage', 1) ?? EVO_ASSUMPTIONS.defaultCountPerPage;
  const max = limits?.maxCountPerPage ?? 0;
  if (max > 0 && countPerPage > max) {
    if (limits?.countPerPageOverMax === 'reject') {
      throw validationFailed([{ field: 'CountPerPage', code: 'LessThanOrEqual', message: `'Count Per Page' must be less than or equal to '${max}'.` }]);
    }
    countPerPage = max;
  }
  const sortField = q.string('sortField') || undefined;
  if (sortField !== undefined && limits?.sortFieldSupport === 'rejected') {
    throw validationFailed([{ field: 'SortField', code: 'InvalidValue', message: `'${sortField}' is not a field you can sort by` }]);
  }
  return {
    page: q.int('page', 0) ?? 0,
    countPerPage,
    all: q.bool('all') ?? false,
    simplifiedPaging: q.bool('simplifiedPaging') ?? false,
    sortField,
    descending: sortOrder?.toLowerCase() === 'descend',
    unsorted: limits?.sortFieldSupport === 'ignored',
  };
}

type Sortable = { id?: string } & object;

/** The property a sortField names (case-insensitively) on items like `sample`; unknown names → the default field. */
export function sortKeyOf(sample: object | undefined, sortField: string | undefined): string {
  const wanted = (sortField ?? EVO_ASSUMPTIONS.defaultSortField).toLowerCase();
  return (sample && Object.keys(sample).find((k) => k.toLowerCase() === wanted)) ?? EVO_ASSUMPTIONS.defaultSortField;
}

/** Sorts by a scalar property named case-insensitively (unknown names fall back to the default field); ties by id. */
export function sortItems<T extends Sortable>(items: T[], request: PageRequest): T[] {
  const key = sortKeyOf(items[0], request.sortField);
  const direction = request.descending ? -1 : 1;
  // Decorate once, then sort: 50,000 comparisons on precomputed keys instead of property lookups.
  const decorated = items.map((item) => ({ item, value: sortValue((item as Record<string, unknown>)[key]), id: item.id ?? '' }));
  decorated.sort((a, b) => direction * (compare(a.value, b.value) || compare(a.id, b.id)));
  return decorated.map((d) => d.item);
}

function sortValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0; // ordinal, like MongoDB's default collation
}

export function pageItems<T>(items: T[], request: PageRequest): ListResponse<T> {
  const total = items.length;
  const hideTotals = request.simplifiedPaging;
  const totals = (count: number, pages: number) =>
    hideTotals ? { totalCount: EVO_ASSUMPTIONS.simplifiedPagingTotals, totalPages: EVO_ASSUMPTIONS.simplifiedPagingTotals } : { totalCount: count, totalPages: pages };
  if (request.all) return { items, ...totals(total, total > 0 ? 1 : 0), hasMorePages: false };
  const start = request.page * request.countPerPage;
  return {
    items: items.slice(start, start + request.countPerPage),
    ...totals(total, Math.ceil(total / request.countPerPage)),
    hasMorePages: start + request.countPerPage < total,
  };
}

/** A ListResponse as JSON text, items joined from already-serialised strings. */
export function listJson<T>(response: ListResponse<T>, itemJson: (item: T) => string): string {
  const { items = [], ...rest } = response;
  const tail = JSON.stringify(rest).slice(1);
  return `{"items":[${items.map(itemJson).join(',')}]${tail === '}' ? '}' : `,${tail}`}`;
}
