/* Plan building blocks: target dedupe, tag filter, classification, drift. Pure. */
import type { Customer } from '../evo/schemas';
import { targetToIsStaging } from './counts';
import { accessProblemOf, type FreshRead } from './run-items';
import {
  PLAN_MAX_AGE_MS,
  type AccessProblem,
  type BreadcrumbEntry,
  type BulkPlan,
  type InaccessibleItem,
  type PlanCounts,
  type UnreadableItem,
  type PlanDrift,
  type PlanItem,
  type PlanRequest,
  type PlanSummary,
  type RunIdentity,
} from './types';

/** Distinct ids, first occurrence order, blanks dropped. */
export function dedupeIds(ids: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const raw of ids) {
    const id = raw.trim();
    if (id !== '') seen.add(id);
  }
  return [...seen];
}

export function breadcrumbOf(customer: { breadcrumb?: readonly { id: string; name?: string | undefined }[] | undefined }): BreadcrumbEntry[] {
  return (customer.breadcrumb ?? []).map((b) => ({ id: b.id, name: b.name ?? '' }));
}

export const breadcrumbText = (crumbs: BreadcrumbEntry[]): string => crumbs.map((b) => b.name || b.id).join(' › ');

/** A customer as a plan line. A missing isStaging is read as production (the API default). */
export function toPlanItem(customer: Customer, seenAt: string): PlanItem {
  return {
    customerId: customer.id,
    name: customer.name ?? '',
    breadcrumb: breadcrumbOf(customer),
    isStaging: customer.isStaging === true,
    seenAt,
  };
}

/** ListCustomers' `tagIds` semantics (all-of), for customers we did not list with the filter. */
export function hasAllTags(customer: { tags?: readonly { id: string }[] | undefined }, tagIds: readonly string[]): boolean {
  if (tagIds.length === 0) return true;
  const own = new Set((customer.tags ?? []).map((t) => t.id));
  return tagIds.every((t) => own.has(t));
}

export function validatePlanRequest(request: PlanRequest): string | null {
  if (request.target !== 'staging' && request.target !== 'production') return 'Choose staging or production as the target.';
  const n = (request.customerIds?.length ?? 0) + (request.subtreeRootIds?.length ?? 0);
  if (n === 0) return 'Name at least one customer or subtree.';
  return null;
}

export interface Classified {
  toChange: PlanItem[];
  alreadyInState: PlanItem[];
  notAccessible: InaccessibleItem[];
  unreadable: UnreadableItem[];
  counts: PlanCounts;
}

/**
 * Sort targets by what applying would do. `orderedIds` fixes the order; an id that is
 * neither found, unreadable nor inaccessible is reported inaccessible (NotFound) so nothing
 * vanishes. Unreadable targets (and those without a readable id) are counted and left out.
 */
export function classifyTargets(input: {
  orderedIds: readonly string[];
  found: ReadonlyMap<string, PlanItem>;
  inaccessible: ReadonlyMap<string, AccessProblem>;
  unreadable?: ReadonlyMap<string, AccessProblem>;
  /** Set-aside targets whose id could not be read either. */
  unreadableWithoutId?: readonly AccessProblem[];
  target: PlanRequest['target'];
  excludedByTags: number;
}): Classified {
  const wanted = targetToIsStaging(input.target);
  const toChange: PlanItem[] = [];
  const alreadyInState: PlanItem[] = [];
  const notAccessible: InaccessibleItem[] = [];
  const unreadable: UnreadableItem[] = [];
  for (const id of input.orderedIds) {
    const item = input.found.get(id);
    if (item) {
      (item.isStaging === wanted ? alreadyInState : toChange).push(item);
      continue;
    }
    const unread = input.unreadable?.get(id);
    if (unread) {
      unreadable.push({ customerId: id, reason: unread });
      continue;
    }
    const reason = accessProblemOf({ found: input.found, inaccessible: input.inaccessible }, id);
    notAccessible.push({ customerId: id, breadcrumb: [], reason });
  }
  for (const reason of input.unreadableWithoutId ?? []) unreadable.push({ customerId: null, reason });
  return {
    toChange,
    alreadyInState,
    notAccessible,
    unreadable,
    counts: {
      total: input.orderedIds.length + (input.unreadableWithoutId?.length ?? 0),
      toChange: toChange.length,
      alreadyInState: alreadyInState.length,
      notAccessible: notAccessible.length,
      excludedByTags: input.excludedByTags,
      unreadable: unreadable.length,
    },
  };
}

export function planSummary(plan: BulkPlan): PlanSummary {
  return {
    id: plan.id,
    createdAt: plan.createdAt,
    source: plan.source,
    snapshotAt: plan.snapshotAt,
    identity: plan.identity,
    target: plan.target,
    counts: plan.counts,
  };
}

/** Every customer id a plan covers, in plan order (to change first). */
export const planTargetIds = (plan: BulkPlan): string[] => [
  ...plan.toChange.map((i) => i.customerId),
  ...plan.alreadyInState.map((i) => i.customerId),
  ...plan.notAccessible.map((i) => i.customerId),
];

/** Differences between the plan's snapshot and a fresh read of the same customers. */
export function computeDrift(
  plan: BulkPlan,
  fresh: ReadonlyMap<string, PlanItem>,
  freshInaccessible: ReadonlyMap<string, AccessProblem>,
): PlanDrift {
  const drift: PlanDrift = { stateChanged: [], becameInaccessible: [], becameAccessible: [] };
  for (const item of [...plan.toChange, ...plan.alreadyInState]) {
    const now = fresh.get(item.customerId);
    if (now) {
      if (now.isStaging !== item.isStaging) {
        drift.stateChanged.push({ customerId: item.customerId, name: now.name || item.name, planned: item.isStaging, now: now.isStaging });
      }
    } else {
      const reason = accessProblemOf({ found: fresh, inaccessible: freshInaccessible }, item.customerId);
      drift.becameInaccessible.push({ customerId: item.customerId, name: item.name, planned: item.isStaging, now: null, reason });
    }
  }
  for (const item of plan.notAccessible) {
    const now = fresh.get(item.customerId);
    if (now) drift.becameAccessible.push({ customerId: item.customerId, name: now.name, planned: null, now: now.isStaging });
  }
  return drift;
}

export const driftSize = (d: PlanDrift): number => d.stateChanged.length + d.becameInaccessible.length + d.becameAccessible.length;

export const emptyIdentity = (): RunIdentity => ({ userEmail: null, serverUrl: null, accountId: null, accountName: null });

/** Plans older than PLAN_MAX_AGE_MS are not applied: the person makes a fresh one. */
export const planIsStale = (plan: Pick<PlanSummary, 'createdAt'>, nowMs: number): boolean => nowMs - Date.parse(plan.createdAt) > PLAN_MAX_AGE_MS;

/** The customers of `plan` as a fresh read shows them now: a new plan (same request) to confirm. */
export function replan(plan: BulkPlan, read: FreshRead & { unreadable?: ReadonlyMap<string, AccessProblem> }, made: { id: string; at: string; identity: RunIdentity }): BulkPlan {
  const classified = classifyTargets({
    orderedIds: planTargetIds(plan),
    found: read.found,
    inaccessible: read.inaccessible,
    ...(read.unreadable ? { unreadable: read.unreadable } : {}),
    target: plan.target,
    excludedByTags: plan.counts.excludedByTags,
  });
  // A customer that is out of reach now keeps the name and path the plan knew.
  const known = new Map([...plan.toChange, ...plan.alreadyInState].map((i) => [i.customerId, i]));
  const notAccessible = classified.notAccessible.map((i) => {
    const was = known.get(i.customerId);
    return was ? { ...i, name: was.name, breadcrumb: was.breadcrumb } : i;
  });
  const excluded = plan.excluded ?? [];
  return {
    id: made.id,
    createdAt: made.at,
    source: 'server',
    snapshotAt: made.at,
    identity: made.identity,
    request: plan.request,
    target: plan.target,
    ...classified,
    notAccessible,
    ...(excluded.length > 0 ? { excluded, counts: { ...classified.counts, excluded: excluded.length } } : {}),
  };
}

/** The plan without the customers `ids` names among those to change (a new plan: its own id, the
 *  same snapshot). Excluded customers are listed, never read again nor written by it. */
export function excludeFromPlan(plan: BulkPlan, ids: readonly string[], newId: string): BulkPlan {
  const out = new Set(ids);
  const leaving = plan.toChange.filter((i) => out.has(i.customerId));
  const toChange = plan.toChange.filter((i) => !out.has(i.customerId));
  const excluded = [...(plan.excluded ?? []), ...leaving];
  return {
    ...plan,
    id: newId,
    toChange,
    excluded,
    counts: { ...plan.counts, total: plan.counts.total - leaving.length, toChange: toChange.length, excluded: excluded.length },
  };
}
