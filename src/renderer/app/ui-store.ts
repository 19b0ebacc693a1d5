/* UI state that is not server data: what the user is looking at and has chosen. It lives
 * outside React Query on purpose: a failed call, a 401 and a re-sign-in must not lose the
 * selection or the plan being reviewed. Server data (the plan itself, ages of what is shown)
 * stays in React Query; only ids live here. Sign-out and an account switch clear it
 * (app/reset.ts). */
import { create } from 'zustand';

export interface UiState {
  /** Customer ids the user has selected in the browser. */
  selectedIds: ReadonlySet<string>;
  /** The customer whose children are shown (null = roots). */
  currentCustomerId: string | null;
  /** The prepared plan being reviewed (bulk staging); the plan is the 'bulk:getPlan' query. */
  pendingPlanId: string | null;
  setSelection(ids: Iterable<string>): void;
  toggleSelected(id: string): void;
  /** Adds (select true) or removes ids in one step (ranges, "select all"). */
  setSelected(ids: Iterable<string>, select: boolean): void;
  setCurrentCustomer(id: string | null): void;
  setPendingPlanId(id: string | null): void;
  reset(): void;
}

const initial = () => ({ selectedIds: new Set<string>() as ReadonlySet<string>, currentCustomerId: null, pendingPlanId: null });

export const useUiStore = create<UiState>()((set) => ({
  ...initial(),
  setSelection: (ids) => set({ selectedIds: new Set(ids) }),
  toggleSelected: (id) =>
    set((s) => {
      const next = new Set(s.selectedIds);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return { selectedIds: next };
    }),
  setSelected: (ids, select) =>
    set((s) => {
      const next = new Set(s.selectedIds);
      for (const id of ids) {
        if (select) next.add(id);
        else next.delete(id);
      }
      return { selectedIds: next };
    }),
  setCurrentCustomer: (id) => set({ currentCustomerId: id }),
  setPendingPlanId: (pendingPlanId) => set({ pendingPlanId }),
  reset: () => set(initial()),
}));
