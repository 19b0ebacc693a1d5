/* The children of a customer as one long virtual list over server pages: page 0 gives the
 * total, further pages load when their rows are in view. Each page is its own react-query
 * entry (channel + request), so pages seen before and going back to a parent are instant. */
import { useQueries, type Query } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Customer } from '../../../shared/evo/schemas';
import type { AppError } from '../../../shared/errors';
import type { CustomerListResult } from '../../../shared/customers';
import { callEvo, useEvo } from '../../app/evo';
import { evoQueryKey } from '../../app/hooks';

/** 100 rows per page: small enough that a page arriving while scrolling costs one frame. */
export const CHILDREN_PAGE_SIZE = 100;
/** Page loads wait until the visible range has held still this long, so flinging through a
 * long list loads the pages where it stops, not every page it passes. */
const SETTLE_MS = 80;

export interface ChildrenFilter {
  parentId: string | null;
  search: string;
  tagIds: string[];
}

function requestFor(filter: ChildrenFilter, page: number) {
  const search = filter.search.trim();
  return {
    parentId: filter.parentId,
    page,
    pageSize: CHILDREN_PAGE_SIZE,
    ...(search ? { search } : {}),
    ...(filter.tagIds.length ? { tagIds: filter.tagIds } : {}),
  };
}

export function useChildren(filter: ChildrenFilter) {
  const evo = useEvo();
  const filterKey = JSON.stringify(filter);
  // Pages wanted besides page 0, per filter (a new filter starts from page 0 only).
  const [wanted, setWanted] = useState<{ key: string; pages: number[] }>({ key: filterKey, pages: [] });
  const pages = useMemo(() => [0, ...(wanted.key === filterKey ? wanted.pages : [])], [wanted, filterKey]);

  const results = useQueries({
    queries: pages.map((page) => {
      const request = requestFor(filter, page);
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
    }),
  });

  const first = results[0];
  const total = first?.data?.total ?? 0;
  const byPage = new Map<number, Customer[]>();
  results.forEach((r, i) => {
    const page = pages[i];
    if (r.data && page !== undefined) byPage.set(page, r.data.items);
  });
  const pageData = results.map((r) => r.data);
  // The oldest fetchedAt and the weakest source of what is on screen.
  const source = pageData.some((d) => d?.source === 'cache') ? 'cache' : 'server';
  const fetchedAt = pageData.reduce<number | null>((oldest, d) => (d?.fetchedAt == null ? oldest : oldest === null ? d.fetchedAt : Math.min(oldest, d.fetchedAt)), null);

  const rowAt = (index: number): Customer | undefined => byPage.get(Math.floor(index / CHILDREN_PAGE_SIZE))?.[index % CHILDREN_PAGE_SIZE];

  // Child counts are asked for the rows of the page in view and the next one (changes every
  // page, not on every scroll step).
  const [viewPage, setViewPage] = useState(0);
  const idsNearView: string[] = [];
  for (const p of [viewPage, viewPage + 1]) for (const c of byPage.get(p) ?? []) idsNearView.push(c.id);

  // Pages in view are asked for once the range settles; pages passed over while scrolling
  // fast are never fetched.
  const settleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settleTimer.current), []);
  const rangeChanged = (start: number, end: number) => {
    const firstPage = Math.floor(start / CHILDREN_PAGE_SIZE);
    const lastPage = Math.floor(end / CHILDREN_PAGE_SIZE);
    clearTimeout(settleTimer.current);
    settleTimer.current = setTimeout(() => {
      setViewPage(firstPage);
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

  return {
    total,
    rowAt,
    idsNearView,
    onRangeChange,
    isLoading: first?.isLoading ?? true,
    error: (first?.error as AppError | null) ?? null,
    source: first?.data ? source : undefined,
    fetchedAt,
    refetch: () => results.forEach((r) => void r.refetch()),
  };
}
