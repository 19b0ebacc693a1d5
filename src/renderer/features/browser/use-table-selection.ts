/* Selection in the customer table, like a mail client: Space / the check box / Ctrl+click
 * toggle one row; Shift+click and Shift with a movement key select from the anchor to the row;
 * the header check box selects the rows loaded so far (then offers "all N matching"); Ctrl/Cmd+A
 * selects every row matching the filter. Rows that were never loaded (a long list paged from the
 * server) are asked of main by position (customers:childIds), so a range or "all" is exact. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { Customer } from '../../../shared/evo/schemas';
import { callEvo, useEvo } from '../../app/evo';
import { useUiStore } from '../../app/ui-store';
import type { HeaderSelection } from './CustomerTable';
import type { ChildrenFilter } from './use-children';

/** What the table hook (useChildren) offers the selection. */
export interface SelectableRows {
  total: number;
  idsInRange(start: number, end: number): string[] | null;
  /** Every row loaded so far. */
  loadedIds: string[];
  /** Rows are in the server's order, so main can answer positions. */
  serverOrder: boolean;
}

export function useTableSelection(rows: SelectableRows, filter: ChildrenFilter, activeIndex: number) {
  const evo = useEvo();
  const selectedIds = useUiStore((s) => s.selectedIds);
  const setSelected = useUiStore((s) => s.setSelected);
  const toggleSelected = useUiStore((s) => s.toggleSelected);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const anchor = useRef<{ listKey: string; index: number } | null>(null);
  const extending = useRef(false);

  const { loadedIds, total } = rows;
  const allLoadedSelected = useMemo(() => loadedIds.length > 0 && loadedIds.every((id) => selectedIds.has(id)), [loadedIds, selectedIds]);
  const headerSelection: HeaderSelection = allLoadedSelected ? 'all' : loadedIds.some((id) => selectedIds.has(id)) ? 'some' : 'none';

  // The callbacks below are stable (the table's rows are memoised on them) and read the latest
  // rows, filter and active row from here.
  const latest = useRef({ rows, filter, activeIndex, allLoadedSelected });
  useEffect(() => {
    latest.current = { rows, filter, activeIndex, allLoadedSelected };
  });

  const selectFromMain = useCallback(
    (offset: number, limit?: number) => {
      const { filter: f } = latest.current;
      const search = f.search.trim();
      setPending(true);
      setError(null);
      callEvo(evo, 'customers:childIds', {
        parentId: f.parentId,
        offset,
        ...(limit === undefined ? {} : { limit }),
        ...(search ? { search } : {}),
        ...(f.tagIds.length ? { tagIds: f.tagIds } : {}),
      })
        .then((answer) => setSelected(answer.ids, true))
        .catch((e: AppError) => setError(e))
        .finally(() => setPending(false));
    },
    [evo, setSelected],
  );

  const toggle = useCallback(
    (index: number, customer: Customer) => {
      toggleSelected(customer.id);
      anchor.current = { listKey: JSON.stringify(latest.current.filter), index };
    },
    [toggleSelected],
  );
  const extend = useCallback(
    (index: number) => {
      const { rows: r, filter: f, activeIndex: active } = latest.current;
      const listKey = JSON.stringify(f);
      const from = anchor.current?.listKey === listKey ? anchor.current.index : active >= 0 ? active : index;
      anchor.current = { listKey, index: from };
      extending.current = true;
      const [start, end] = from <= index ? [from, index] : [index, from];
      const local = r.idsInRange(start, end);
      if (local) setSelected(local, true);
      else if (r.serverOrder) selectFromMain(start, end - start + 1);
    },
    [setSelected, selectFromMain],
  );
  /** The active row moved without Shift: the next Shift range starts from it. */
  const activeMoved = useCallback(() => {
    if (!extending.current) anchor.current = null;
    extending.current = false;
  }, []);
  const onHeaderSelect = useCallback(() => setSelected(latest.current.rows.loadedIds, !latest.current.allLoadedSelected), [setSelected]);
  const selectAllMatching = useCallback(() => {
    const { rows: r } = latest.current;
    if (r.loadedIds.length === r.total) setSelected(r.loadedIds, true);
    else selectFromMain(0);
  }, [setSelected, selectFromMain]);

  return {
    selectedIds,
    headerSelection,
    pending,
    error,
    /** Loaded rows are all selected but the list has more: offer "all N matching". */
    canSelectAllMatching: allLoadedSelected && loadedIds.length < total,
    toggle,
    extend,
    activeMoved,
    onHeaderSelect,
    selectAllMatching,
  };
}
