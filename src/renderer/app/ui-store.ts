/* UI state that is not server data: what the user is looking at and has chosen. It lives
 * outside React Query on purpose: a failed call, a 401 and a re-sign-in must not lose the
 * selection or a prepared plan. Only sign-out (explicitly) clears it. */
import { create } from 'zustand';

export interface UiState {
  /** Customer ids the user has selected in the browser. */
  selectedIds: ReadonlySet<string>;
  /** The customer whose children are shown (null = roots). */
  currentCustomerId: string | null;
  /** An opaque prepared plan (bulk staging) awaiting confirmation; typed by its feature. */
  pendingPlan: unknown;
  /** fetchedAt (ms) of the oldest data on screen; the banner shows its age while offline.
   * Screens set it from their answers' fetchedAt (null = nothing shown / live data). */
  shownDataFetchedAt: number | null;
  setShownDataFetchedAt(at: number | null): void;
  setSelection(ids: Iterable<string>): void;
  toggleSelected(id: string): void;
  setCurrentCustomer(id: string | null): void;
  setPendingPlan(plan: unknown): void;
  /** Sign-out: forget everything tied to the signed-in user. */
  reset(): void;
}

const initial = { selectedIds: new Set<string>() as ReadonlySet<string>, currentCustomerId: null, pendingPlan: null, shownDataFetchedAt: null };

export const useUiStore = create<UiState>()((set) => ({
  ...initial,
  setSelection: (ids) => set({ selectedIds: new Set(ids) }),
  toggleSelected: (id) =>
    set((s) => {
      const next = new Set(s.selectedIds);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return { selectedIds: next };
    }),
  setCurrentCustomer: (id) => set({ currentCustomerId: id }),
  setPendingPlan: (plan) => set({ pendingPlan: plan }),
  setShownDataFetchedAt: (at) => set({ shownDataFetchedAt: at }),
  reset: () => set({ ...initial, selectedIds: new Set<string>() }),
}));
