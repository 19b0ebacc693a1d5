/* UI state that is not server data: what the user is looking at and has chosen. It lives
 * outside React Query on purpose: a failed call, a 401 and a re-sign-in must not lose the
 * selection or the plan being reviewed. Server data (the plan itself, ages of what is shown)
 * stays in React Query; only ids and choices live here (e.g. the return-by being chosen, kept in
 * the store so it survives the dialog asking again after a drift). Sign-out and an account switch clear it
 * (app/reset.ts). */
import { create } from 'zustand';
import type { PlanRequest } from '../../shared/bulk/types';

/** The return-by time chosen in the confirm dialog: resolved when the run starts (a duration counts from then). */
export type ReturnByChoice = { kind: 'none' } | { kind: 'in'; ms: number } | { kind: 'at'; local: string };

/** A routing change asked for outside the bulk tab (customer tab, quick jump, in staging now,
 * due returns): planned, then confirmed in the same dialog as bulk (RoutingChangeFlow). */
export interface RoutingChangeAsk {
  request: PlanRequest;
  /** What it is about, in words ("Acme Ltd", "3 selected customers"). */
  subject: string;
}

export interface UiState {
  /** Customer ids the user has selected in the browser. */
  selectedIds: ReadonlySet<string>;
  /** The customer whose children are shown (null = roots). */
  currentCustomerId: string | null;
  /** The prepared plan being reviewed (bulk staging); the plan is the 'bulk:getPlan' query. */
  pendingPlanId: string | null;
  returnBy: ReturnByChoice;
  routingChange: RoutingChangeAsk | null;
  setSelection(ids: Iterable<string>): void;
  toggleSelected(id: string): void;
  /** Adds (select true) or removes ids in one step (ranges, "select all"). */
  setSelected(ids: Iterable<string>, select: boolean): void;
  setCurrentCustomer(id: string | null): void;
  setPendingPlanId(id: string | null): void;
  setReturnBy(choice: ReturnByChoice): void;
  askRoutingChange(ask: RoutingChangeAsk | null): void;
  reset(): void;
}

const initial = () => ({
  selectedIds: new Set<string>() as ReadonlySet<string>,
  currentCustomerId: null,
  pendingPlanId: null,
  returnBy: { kind: 'none' } as ReturnByChoice,
  routingChange: null,
});

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
  setReturnBy: (returnBy) => set({ returnBy }),
  askRoutingChange: (routingChange) => set({ routingChange }),
  reset: () => set(initial()),
}));
