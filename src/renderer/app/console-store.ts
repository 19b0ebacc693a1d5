/* Console UI state that is not server data and not already in the app's ui-store
 * (selection, current customer and the prepared plan live there): the list position,
 * filters, the chosen target, the run being watched. Kept in zustand so a failed call,
 * a 401 or a re-sign-in never loses it. */
import { create } from 'zustand';
import type { TargetState } from '../../shared/bulk/types';

export type ConsoleView = 'customers' | 'history';
export type DetailTab = 'overview' | 'schedule' | 'bulk';

export interface ConsoleState {
  view: ConsoleView;
  detailTab: DetailTab;
  /** Active row per parent (key '' = roots), so going back up lands where you were. */
  activeIndexByParent: Record<string, number>;
  search: string;
  tagIds: string[];
  target: TargetState;
  /** The bulk run being shown (progress or results). */
  activeRunId: string | null;
  quickJumpOpen: boolean;
  setView(view: ConsoleView): void;
  setDetailTab(tab: DetailTab): void;
  setActiveIndex(parentId: string | null, index: number): void;
  setSearch(text: string): void;
  setTagIds(ids: string[]): void;
  setTarget(target: TargetState): void;
  setActiveRunId(id: string | null): void;
  setQuickJumpOpen(open: boolean): void;
}

export const useConsoleStore = create<ConsoleState>()((set) => ({
  view: 'customers',
  detailTab: 'overview',
  activeIndexByParent: {},
  search: '',
  tagIds: [],
  target: 'staging',
  activeRunId: null,
  quickJumpOpen: false,
  setView: (view) => set({ view }),
  setDetailTab: (detailTab) => set({ detailTab }),
  setActiveIndex: (parentId, index) => set((s) => ({ activeIndexByParent: { ...s.activeIndexByParent, [parentId ?? '']: index } })),
  setSearch: (search) => set({ search }),
  setTagIds: (tagIds) => set({ tagIds }),
  setTarget: (target) => set({ target }),
  setActiveRunId: (activeRunId) => set({ activeRunId }),
  setQuickJumpOpen: (quickJumpOpen) => set({ quickJumpOpen }),
}));
