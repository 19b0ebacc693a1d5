/* The children of a customer as one long virtual list over server pages: page 0 gives the
 * total, further pages load when their rows scroll into view. Each page is its own
 * react-query entry (channel + request), so going back to a parent is instant. */
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Customer } from '../../../shared/evo/schemas';
import type { AppError } from '../../../shared/errors';
import { callEvo, useEvo } from '../../app/evo';
import { evoQueryKey } from '../../app/hooks';

export const CHILDREN_PAGE_SIZE = 200;

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
        queryFn: () => callEvo(evo, 'customers:children', request),
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

  // Rows around the visible range, in blocks of 50 so scrolling does not ask on every row.
  const [block, setBlock] = useState(0);
  const idsNearView: string[] = [];
  for (let i = block * 50; i < Math.min(total, block * 50 + 100); i++) {
    const c = rowAt(i);
    if (c) idsNearView.push(c.id);
  }

  // Not wrapped in useCallback: the React Compiler memoises it; both setters bail out
  // when nothing changes, so calling it after every render is cheap.
  const onRangeChange = (start: number, end: number) => {
    setBlock(Math.floor(start / 50));
    const firstPage = Math.max(1, Math.floor(start / CHILDREN_PAGE_SIZE));
    const lastPage = Math.floor(end / CHILDREN_PAGE_SIZE);
    setWanted((w) => {
      const current = w.key === filterKey ? w.pages : [];
      const missing: number[] = [];
      for (let p = firstPage; p <= lastPage; p++) if (!current.includes(p)) missing.push(p);
      return missing.length === 0 && w.key === filterKey ? w : { key: filterKey, pages: [...current, ...missing] };
    });
  };

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
