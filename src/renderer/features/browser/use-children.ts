/* The children of a customer as one long virtual list over server pages: page 0 gives the
 * total, further pages load when their rows are in view. Each page is its own react-query
 * entry (channel + request), so pages seen before and going back to a parent are instant.
 * A sort other than the server's (name A→Z) loads every page and sorts here (customer-sort.ts). */
import { useQueries, type Query, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Customer } from '../../../shared/evo/schemas';
import type { AppError } from '../../../shared/errors';
import type { CustomerListResult } from '../../../shared/customers';
import { callEvo, useEvo } from '../../app/evo';
import { evoQueryKey } from '../../app/hooks';
import { isServerOrder, SORT_ROW_LIMIT, sortCustomers, type CustomerSort } from './customer-sort';

/** 100 rows per page: small enough that a page arriving while scrolling costs one frame. */
export const CHILDREN_PAGE_SIZE = 100;
/** Pages of the whole-list read (a sort other than the server's): fewer requests. */
const WHOLE_LIST_PAGE_SIZE = 500;
/** Page loads wait until the visible range has held still this long, so flinging through a
 * long list loads the pages where it stops, not every page it passes. */
const SETTLE_MS = 80;
/** Child counts are asked for this many rows around the view. */
const COUNTS_WINDOW = 2 * CHILDREN_PAGE_SIZE;
/** Ids per customers:childCounts request (the channel's limit). */
const COUNTS_BATCH = 1_000;

export interface ChildrenFilter {
  parentId: string | null;
  search: string;
  tagIds: string[];
}

/** Where the table's order comes from. */
export type SortStatus =
  | { state: 'server' }
  | { state: 'loading'; loaded: number; total: number }
  | { state: 'sorted' }
  | { state: 'tooMany'; total: number };

function requestFor(filter: ChildrenFilter, page: number, pageSize: number) {
  const search = filter.search.trim();
  return {
    parentId: filter.parentId,
    page,
    pageSize,
    ...(search ? { search } : {}),
    ...(filter.tagIds.length ? { tagIds: filter.tagIds } : {}),
  };
}

export function useChildren(filter: ChildrenFilter, sort: CustomerSort) {
  const evo = useEvo();
  const filterKey = JSON.stringify(filter);
  // Pages wanted besides page 0, per filter (a new filter starts from page 0 only).
  const [wanted, setWanted] = useState<{ key: string; pages: number[] }>({ key: filterKey, pages: [] });
  const [viewFirst, setViewFirst] = useState(0);

  const queryFor = (page: number, pageSize: number) => {
    const request = requestFor(filter, page, pageSize);
    return {
      queryKey: evoQueryKey('customers:children', request),
      // While a new filter of the same parent loads, keep its previous rows (no flash of
      // empty). Never across parents: Enter on a stale row would open the wrong customer.
      placeholderData: (previous: CustomerListResult | undefined, previousQuery: Query<CustomerListResult, AppError> | undefined) =>
        (previousQuery?.queryKey[1] as { parentId?: string | null } | undefined)?.parentId === request.parentId ? previous : undefined,
      queryFn: async () => {
        const answer = await callEvo(evo, 'customers:children', request);
        // The moment a page of children reaches the renderer (bench/renderer.ts measures to first paint).
        performance.mark('evo:children-data', { detail: { parentId: request.parentId, page } });
        return answer;
      },
    };
  };

  const serverPages = useMemo(() => [0, ...(wanted.key === filterKey ? wanted.pages : [])], [wanted, filterKey]);
  const serverResults = useQueries({ queries: serverPages.map((page) => queryFor(page, CHILDREN_PAGE_SIZE)), combine: combineServerPages });
  const first = serverResults.first;
  const total = first?.data?.total ?? 0;

  // A sort other than the server's: every page of the filtered list, once its size is known.
  const wholeList = !isServerOrder(sort) && first?.data !== undefined && total <= SORT_ROW_LIMIT;
  const wholePageCount = wholeList ? Math.ceil(total / WHOLE_LIST_PAGE_SIZE) : 0;
  const whole = useQueries({ queries: Array.from({ length: wholePageCount }, (_, page) => queryFor(page, WHOLE_LIST_PAGE_SIZE)), combine: combinePages });
  const wholeComplete = wholeList && whole.items !== null;
  // Sorting by number of children needs the counts of every row (the offline copy's).
  const countBatches: string[][] = [];
  if (whole.items && sort.field === 'children') {
    const ids = whole.items.map((c) => c.id);
    for (let i = 0; i < ids.length; i += COUNTS_BATCH) countBatches.push(ids.slice(i, i + COUNTS_BATCH));
  }
  const counts = useQueries({
    queries: countBatches.map((ids) => ({ queryKey: evoQueryKey('customers:childCounts', { ids }), queryFn: () => callEvo(evo, 'customers:childCounts', { ids }) })),
    combine: combineCounts,
  });
  const sorted = useMemo(() => (whole.items && counts ? sortCustomers(whole.items, sort, (id) => counts[id]) : null), [whole.items, counts, sort]);

  // The rows as one function, the same function until a page or the order changes: the table's
  // memoised rows and the selection's callbacks depend on it.
  const byPage = serverResults.byPage;
  const mode = isServerOrder(sort) || !wholeComplete ? (wholeList ? 'loading' : 'server') : 'sorted';
  const rowAt = useCallback(
    (index: number): Customer | undefined =>
      mode === 'server' ? byPage.get(Math.floor(index / CHILDREN_PAGE_SIZE))?.[index % CHILDREN_PAGE_SIZE] : mode === 'sorted' ? sorted?.[index] : undefined,
    [mode, byPage, sorted],
  );
  /** Ids of every row loaded so far (for the header check box). */
  const loadedIds = useMemo(() => (mode === 'sorted' ? (sorted ?? []) : mode === 'server' ? [...byPage.values()].flat() : []).map((c) => c.id), [mode, byPage, sorted]);

  const sortStatus: SortStatus = isServerOrder(sort)
    ? { state: 'server' }
    : first?.data !== undefined && total > SORT_ROW_LIMIT
      ? { state: 'tooMany', total }
      : sorted
        ? { state: 'sorted' }
        : { state: 'loading', loaded: whole.loaded, total };

  const pageData = [...serverResults.data, ...whole.data];
  // The oldest fetchedAt and the weakest source of what is on screen.
  const source = pageData.some((d) => d?.source === 'cache') ? 'cache' : 'server';
  const fetchedAt = pageData.reduce<number | null>((oldest, d) => (d?.fetchedAt == null ? oldest : oldest === null ? d.fetchedAt : Math.min(oldest, d.fetchedAt)), null);

  const idsNearView: string[] = [];
  for (let i = viewFirst; i < Math.min(total, viewFirst + COUNTS_WINDOW); i++) {
    const c = rowAt(i);
    if (c) idsNearView.push(c.id);
  }

  // Pages in view are asked for once the range settles; pages passed over while scrolling
  // fast are never fetched.
  const settleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settleTimer.current), []);
  const rangeChanged = (start: number, end: number) => {
    const firstPage = Math.floor(start / CHILDREN_PAGE_SIZE);
    const lastPage = Math.floor(end / CHILDREN_PAGE_SIZE);
    clearTimeout(settleTimer.current);
    settleTimer.current = setTimeout(() => {
      setViewFirst(firstPage * CHILDREN_PAGE_SIZE);
      const inView: number[] = [];
      for (let p = Math.max(1, firstPage); p <= lastPage; p++) inView.push(p);
      setWanted((w) => (w.key === filterKey && w.pages.join() === inView.join() ? w : { key: filterKey, pages: inView }));
    }, SETTLE_MS);
  };
  // A stable callback (the list re-runs its range effect when it changes) that always calls
  // the latest handler (which closes over the current filter).
  const latestRangeChanged = useRef(rangeChanged);
  useEffect(() => {
    latestRangeChanged.current = rangeChanged;
  });
  const onRangeChange = useCallback((start: number, end: number) => latestRangeChanged.current(start, end), []);

  /** Ids of rows start..end (inclusive) when all of them are loaded; null when some are not. */
  const idsInRange = (start: number, end: number): string[] | null => {
    const ids: string[] = [];
    for (let i = Math.max(0, start); i <= Math.min(end, total - 1); i++) {
      const c = rowAt(i);
      if (!c) return null;
      ids.push(c.id);
    }
    return ids;
  };

  return {
    total,
    rowAt,
    idsInRange,
    loadedIds,
    /** Rows are in the server's order (a range over rows not loaded can be asked of main). */
    serverOrder: isServerOrder(sort) || !wholeList,
    idsNearView,
    onRangeChange,
    sortStatus,
    isLoading: first?.isLoading ?? true,
    error: (first?.error as AppError | null) ?? whole.error,
    source: first?.data ? source : undefined,
    fetchedAt,
  };
}

type PageResult = UseQueryResult<CustomerListResult>;

/** The server-order pages: each page's rows by page number (from the answer's own `page`). */
function combineServerPages(results: PageResult[]) {
  const byPage = new Map<number, Customer[]>();
  for (const r of results) if (r.data) byPage.set(r.data.page, r.data.items);
  return { first: results[0], byPage, data: results.map((r) => r.data) };
}

/** The whole list once every page is in (null before), for useQueries' combine: a module-level
 * function, so React Query keeps the combined value stable until a page changes. */
function combinePages(results: PageResult[]) {
  const data = results.map((r) => r.data);
  const complete = results.length > 0 && data.every((d) => d !== undefined);
  return {
    items: complete ? data.flatMap((d) => d?.items ?? []) : null,
    loaded: data.reduce((n, d) => n + (d?.items.length ?? 0), 0),
    data,
    error: (results.find((r) => r.error)?.error as AppError | undefined) ?? null,
  };
}

/** All child counts (id → count) once every batch answered; {} when none were asked. */
function combineCounts(results: UseQueryResult<Record<string, number>>[]): Record<string, number> | null {
  if (results.some((r) => r.data === undefined)) return null;
  return Object.assign({}, ...results.map((r) => r.data)) as Record<string, number>;
}
