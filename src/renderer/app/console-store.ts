/* Console UI state that is not server data and not already in the app's ui-store
 * (selection, current customer and the plan being reviewed live there): the list position,
 * filters, sort, the chosen target, the run being watched. Kept in zustand so a failed call,
 * a 401 or a re-sign-in never loses it; sign-out and an account switch reset it
 * (app/reset.ts), so the next user never starts from the previous user's search. */
import { create } from 'zustand';
import type { TargetState } from '../../shared/bulk/types';
import type { CustomerSort } from '../features/browser/customer-sort';

export type ConsoleView = 'customers' | 'staging' | 'history';
export type DetailTab = 'overview' | 'schedule' | 'bulk';

export interface ConsoleState {
  view: ConsoleView;
  detailTab: DetailTab;
  /** Active row per parent (key '' = roots), so going back up lands where you were. */
  activeIndexByParent: Record<string, number>;
  search: string;
  tagIds: string[];
  sort: CustomerSort;
  target: TargetState;
  /** The bulk run being shown (progress or results). */
  activeRunId: string | null;
  /** The run whose details History shows (a run's results link opens it there). */
  historyRunId: string | null;
  quickJumpOpen: boolean;
  shortcutsOpen: boolean;
  setView(view: ConsoleView): void;
  setDetailTab(tab: DetailTab): void;
  setActiveIndex(parentId: string | null, index: number): void;
  setSearch(text: string): void;
  setTagIds(ids: string[]): void;
  setSort(sort: CustomerSort): void;
  setTarget(target: TargetState): void;
  setActiveRunId(id: string | null): void;
  setHistoryRunId(id: string | null): void;
  setQuickJumpOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  reset(): void;
}

export const DEFAULT_SORT: CustomerSort = { field: 'name', direction: 'asc' };

const initial = () => ({
  view: 'customers' as ConsoleView,
  detailTab: 'overview' as DetailTab,
  activeIndexByParent: {},
  search: '',
  tagIds: [],
  sort: DEFAULT_SORT,
  target: 'staging' as TargetState,
  activeRunId: null,
  historyRunId: null,
  quickJumpOpen: false,
  shortcutsOpen: false,
});

export const useConsoleStore = create<ConsoleState>()((set) => ({
  ...initial(),
  setView: (view) => set({ view }),
  setDetailTab: (detailTab) => set({ detailTab }),
  setActiveIndex: (parentId, index) => set((s) => ({ activeIndexByParent: { ...s.activeIndexByParent, [parentId ?? '']: index } })),
  setSearch: (search) => set({ search }),
  setTagIds: (tagIds) => set({ tagIds }),
  setSort: (sort) => set({ sort }),
  setTarget: (target) => set({ target }),
  setActiveRunId: (activeRunId) => set({ activeRunId }),
  setHistoryRunId: (historyRunId) => set({ historyRunId }),
  setQuickJumpOpen: (quickJumpOpen) => set({ quickJumpOpen }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  reset: () => set(initial()),
}));
