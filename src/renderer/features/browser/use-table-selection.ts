/* Selection in the customer table, like a mail client: Space / the check box / Ctrl+click
 * toggle one row; Shift+click and Shift with a movement key select from the anchor to the row;
 * the header check box selects the rows loaded so far (then offers "all N matching"); Ctrl/Cmd+A
 * selects every row matching the filter. Rows that were never loaded (a long list paged from the
 * server) are asked of main by position (customers:childIds), so a range or "all" is exact. */
import { useRef, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { Customer } from '../../../shared/evo/schemas';
import { callEvo, useEvo } from '../../app/evo';
import { useUiStore } from '../../app/ui-store';
import type { HeaderSelection } from './CustomerTable';
import type { ChildrenFilter } from './use-children';

/** What the table hook (useChildren) offers the selection. */
export interface SelectableRows {
  total: number;
  rowAt(index: number): Customer | undefined;
  idsInRange(start: number, end: number): string[] | null;
  /** Rows are in the server's order, so main can answer positions. */
  serverOrder: boolean;
}

export function useTableSelection(rows: SelectableRows, filter: ChildrenFilter, activeIndex: number) {
  const evo = useEvo();
  const selectedIds = useUiStore((s) => s.selectedIds);
  const setSelected = useUiStore((s) => s.setSelected);
  const toggleSelected = useUiStore((s) => s.toggleSelected);
  const listKey = JSON.stringify(filter);
  const anchor = useRef<{ listKey: string; index: number } | null>(null);
  const extending = useRef(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const fromMain = async (offset: number, limit?: number) => {
    const search = filter.search.trim();
    const answer = await callEvo(evo, 'customers:childIds', {
      parentId: filter.parentId,
      offset,
      ...(limit === undefined ? {} : { limit }),
      ...(search ? { search } : {}),
      ...(filter.tagIds.length ? { tagIds: filter.tagIds } : {}),
    });
    return answer.ids;
  };
  const run = (work: () => Promise<string[]>) => {
    setPending(true);
    setError(null);
    work()
      .then((ids) => setSelected(ids, true))
      .catch((e: AppError) => setError(e))
      .finally(() => setPending(false));
  };

  const loaded: string[] = [];
  for (let i = 0; i < rows.total; i++) {
    const c = rows.rowAt(i);
    if (c) loaded.push(c.id);
  }
  const allLoadedSelected = loaded.length > 0 && loaded.every((id) => selectedIds.has(id));
  const headerSelection: HeaderSelection = allLoadedSelected ? 'all' : loaded.some((id) => selectedIds.has(id)) ? 'some' : 'none';

  return {
    selectedIds,
    headerSelection,
    pending,
    error,
    /** Loaded rows are all selected but the list has more: offer "all N matching". */
    canSelectAllMatching: allLoadedSelected && loaded.length < rows.total,
    toggle(index: number, customer: Customer) {
      toggleSelected(customer.id);
      anchor.current = { listKey, index };
    },
    extend(index: number) {
      const from = anchor.current?.listKey === listKey ? anchor.current.index : activeIndex >= 0 ? activeIndex : index;
      anchor.current = { listKey, index: from };
      extending.current = true;
      const [start, end] = from <= index ? [from, index] : [index, from];
      const local = rows.idsInRange(start, end);
      if (local) setSelected(local, true);
      else if (rows.serverOrder) run(() => fromMain(start, end - start + 1));
    },
    /** The active row moved without Shift: the next Shift range starts from it. */
    activeMoved() {
      if (!extending.current) anchor.current = null;
      extending.current = false;
    },
    onHeaderSelect() {
      setSelected(loaded, !allLoadedSelected);
    },
    selectAllMatching() {
      if (loaded.length === rows.total) setSelected(loaded, true);
      else run(() => fromMain(0));
    },
  };
}
