/* Where the browser is and how to move: the current customer (app ui-store), its path, and
 * navigate/up. Shared by the list, the breadcrumb, the detail panel and quick jump. */
import { useCallback, useMemo } from 'react';
import { useUiStore } from '../../app/ui-store';
import { useEvoQuery } from '../../app/hooks';
import { useConsoleStore } from '../../app/console-store';
import type { Crumb } from './BreadcrumbBar';

export function useCurrentPath() {
  const currentId = useUiStore((s) => s.currentCustomerId);
  const crumbs = useEvoQuery('customers:breadcrumb', [{ id: currentId ?? '' }], { enabled: currentId !== null });
  const current = useEvoQuery('customers:get', [{ id: currentId ?? '' }], { enabled: currentId !== null });
  const ancestors = crumbs.data?.items;
  const name = current.data?.customer.name;
  const path: Crumb[] = useMemo(
    () => (currentId === null ? [] : [...(ancestors ?? []), { id: currentId, ...(name !== undefined ? { name } : {}) }]),
    [currentId, ancestors, name],
  );
  const parentId = currentId === null ? null : (crumbs.data?.items.at(-1)?.id ?? current.data?.customer.parentCustomerId ?? null);
  return { currentId, path, parentId, pathKnown: currentId === null || crumbs.isSuccess };
}

export function useNavigate() {
  const setCurrent = useUiStore((s) => s.setCurrentCustomer);
  const setSearch = useConsoleStore((s) => s.setSearch);
  const setView = useConsoleStore((s) => s.setView);
  return useCallback(
    (id: string | null) => {
      setSearch('');
      setView('customers');
      setCurrent(id);
    },
    [setCurrent, setSearch, setView],
  );
}
