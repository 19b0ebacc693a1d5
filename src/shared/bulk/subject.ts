/* What a plan or a run is about, in words a support engineer recognises: "Two Hundred Partners
 * and its 199 descendants", "3 customers: A, B, C…". One wording for the confirm dialog, the
 * progress line and History. Pure. */
import { plural } from '../format';
import type { BreadcrumbEntry, BulkPlan, PlanCounts, PlanRequest } from './types';

/** Names shown before "…". */
const NAMED = 3;

export interface RunSubject {
  /** Subtrees (roots named) or customers picked one by one (the first few named). */
  kind: 'subtree' | 'customers';
  /** Roots, or the first customers, in request order (the id when the name is unknown). */
  named: BreadcrumbEntry[];
  /** Customers the request covered (roots and descendants included, those left out too). */
  total: number;
  /** Customers the person left out of the plan. */
  leftOut?: number;
  /** Tags every customer had to carry (the request's tag filter). */
  tags?: number;
}

export function describeSubject(subject: RunSubject): string {
  const notes = [subject.tags ? `${plural(subject.tags, 'tag')} required` : '', subject.leftOut ? `${subject.leftOut.toLocaleString('en-US')} left out` : ''].filter(Boolean);
  return notes.length > 0 ? `${describeTargets(subject)} (${notes.join(', ')})` : describeTargets(subject);
}

function describeTargets(subject: RunSubject): string {
  const names = subject.named.slice(0, NAMED).map((n) => n.name || n.id);
  const more = subject.named.length > NAMED || (subject.kind === 'customers' && subject.total > names.length) ? '…' : '';
  if (subject.kind === 'subtree') {
    if (names.length === 1) return `${names[0]} and its ${plural(Math.max(0, subject.total - 1), 'descendant')}`;
    return `${plural(subject.named.length, 'subtree')} (${plural(subject.total, 'customer')}): ${names.join(', ')}${more}`;
  }
  if (subject.total === 1 && names.length === 1) return names[0] as string;
  return `${plural(subject.total, 'customer')}${names.length > 0 ? `: ${names.join(', ')}${more}` : ''}`;
}

/** The subject of a request, naming ids from `nameOf` (which knows the customers seen). */
export function subjectOfRequest(request: PlanRequest, counts: Pick<PlanCounts, 'total' | 'excluded'>, nameOf: (id: string) => string | undefined): RunSubject {
  const roots = request.subtreeRootIds ?? [];
  const picked = request.customerIds ?? [];
  // Subtrees alone read as "A and its N descendants"; subtrees and customers together as customers, roots first.
  const kind = roots.length > 0 && picked.length === 0 ? 'subtree' : 'customers';
  const ids = kind === 'subtree' ? roots : [...roots, ...picked].slice(0, NAMED + 1);
  const leftOut = counts.excluded ?? 0;
  const tags = request.tagIds?.length ?? 0;
  return { kind, named: ids.map((id) => ({ id, name: nameOf(id) ?? id })), total: counts.total + leftOut, ...(leftOut > 0 ? { leftOut } : {}), ...(tags > 0 ? { tags } : {}) };
}

/** A plan's subject: names from its items and their paths. */
export function subjectOfPlan(plan: BulkPlan): RunSubject {
  const names = new Map<string, string>();
  const seen = (id: string, name: string | undefined) => {
    if (name && !names.has(id)) names.set(id, name);
  };
  for (const item of [...plan.toChange, ...plan.alreadyInState, ...plan.notAccessible, ...(plan.excluded ?? [])]) {
    seen(item.customerId, item.name);
    for (const crumb of item.breadcrumb) seen(crumb.id, crumb.name);
  }
  return subjectOfRequest(plan.request, plan.counts, (id) => names.get(id));
}
