/* The items a run is created with, built from a fresh read of the server: the one place that
 * decides, per customer, whether a run sends anything. Pure.
 *
 * Rule for a plan's run: only customers the person confirmed (the plan's "to change") are
 * sent, and only while they are still in the routing the plan showed; every other customer of
 * the plan is recorded as it is now and left alone. */
import type { AppErrorData } from '../errors';
import { targetToIsStaging } from './counts';
import { routingOf } from '../routing-words';
import type { AccessProblem, BreadcrumbEntry, BulkPlan, PlanItem, RunItem } from './types';

/** What a new run's item is created with: a RunItem before any request (no attempts yet). */
export type NewRunItem = Pick<RunItem, 'customerId' | 'name' | 'breadcrumb' | 'before' | 'targetIsStaging' | 'outcome'> &
  Partial<Pick<RunItem, 'after' | 'error' | 'note'>>;

/** A fresh read: customers found (routing now), and why the others could not be read. */
export interface FreshRead {
  found: ReadonlyMap<string, PlanItem>;
  inaccessible: ReadonlyMap<string, AccessProblem>;
}

/** Who a run item is about, as known before the fresh read. */
export interface ItemSubject {
  customerId: string;
  name: string;
  breadcrumb: BreadcrumbEntry[];
}

const NOT_FOUND: AccessProblem = { kind: 'NotFound', message: 'Customer not found.' };

/** Why `customerId` is missing from a fresh read (a customer nobody answered for was not found). */
export const accessProblemOf = (read: FreshRead, customerId: string): AccessProblem => read.inaccessible.get(customerId) ?? NOT_FOUND;

export function accessError(customerId: string, reason: AccessProblem): AppErrorData {
  return { kind: reason.kind, message: reason.message, customerId, ...(reason.status !== undefined ? { status: reason.status } : {}) };
}

/**
 * One customer after a fresh read: not accessible now; already at the target; to send
 * (`send`); or, when it may not be sent, skipped with `notSentNote`.
 */
export function itemFromFreshRead(subject: ItemSubject, targetIsStaging: boolean, read: FreshRead, send: boolean, notSentNote?: string): NewRunItem {
  const now = read.found.get(subject.customerId);
  if (!now) {
    return { ...subject, before: null, targetIsStaging, outcome: 'notAccessible', error: accessError(subject.customerId, accessProblemOf(read, subject.customerId)) };
  }
  const fresh = { customerId: subject.customerId, name: now.name || subject.name, breadcrumb: now.breadcrumb.length > 0 ? now.breadcrumb : subject.breadcrumb, before: now.isStaging, targetIsStaging };
  if (now.isStaging === targetIsStaging) return { ...fresh, outcome: 'alreadyInState', after: now.isStaging };
  if (send) return { ...fresh, outcome: 'pending' };
  return { ...fresh, outcome: 'skipped', after: now.isStaging, ...(notSentNote ? { note: notSentNote } : {}) };
}

/** The items of a plan's run: every customer the plan covers, sent only when confirmed and unchanged since. */
export function planRunItems(plan: BulkPlan, read: FreshRead): NewRunItem[] {
  const target = targetToIsStaging(plan.target);
  const confirmed = new Set(plan.toChange.map((i) => i.customerId));
  const subjects: (ItemSubject & { planned: boolean | null })[] = [
    ...[...plan.toChange, ...plan.alreadyInState].map((i) => ({ customerId: i.customerId, name: i.name, breadcrumb: i.breadcrumb, planned: i.isStaging })),
    ...plan.notAccessible.map((i) => ({ customerId: i.customerId, name: i.name ?? '', breadcrumb: i.breadcrumb, planned: null })),
  ];
  return subjects.map(({ planned, ...subject }) => {
    const note =
      planned === null
        ? 'Not accessible when the plan was made, so not in what was confirmed; not changed (confirm a fresh plan to include it).'
        : `Was ${routingOf(planned)} when the plan was made, so not in what was confirmed; not changed (confirm a fresh plan to include it).`;
    return itemFromFreshRead(subject, target, read, confirmed.has(subject.customerId), note);
  });
}
