/* Which ancestor an inherited schedule comes from. GetInheritedSchedule answers the schedule but
 * not whose it is, so it is worked out here from the customer's breadcrumb and its ancestors'
 * own schedules (read through 'customers:get': from React Query's cache when already seen,
 * otherwise fetched — or the offline copy when offline): the nearest ancestor whose own schedule
 * does not inherit, the rule the server applies (and main's offline answer uses). It is named
 * only when that schedule is the one the server answered. */
import type { Schedule } from '../../../shared/evo/schemas';
import type { InheritedFrom } from './ScheduleView';

export interface AncestorRead {
  id: string;
  name: string;
  /** undefined while being read. */
  schedule?: Schedule | null;
  failed?: boolean;
}

/** JSON with keys in a fixed order: the two answers may list fields in different orders. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** @param ancestors root first (the breadcrumb's order); @param inherited the server's answer */
export function inheritedSource(ancestors: AncestorRead[], inherited: Schedule | null | undefined): InheritedFrom {
  for (const ancestor of [...ancestors].reverse()) {
    if (ancestor.failed) return { kind: 'unknown', reason: `${ancestor.name} could not be read` };
    if (ancestor.schedule === undefined) return { kind: 'unknown' };
    const own = ancestor.schedule;
    if (own && !own.inherit) {
      if (!inherited) return { kind: 'unknown' };
      return canonical(own) === canonical(inherited)
        ? { kind: 'ancestor', id: ancestor.id, name: ancestor.name }
        : { kind: 'unknown', reason: `the nearest ancestor with its own schedule, ${ancestor.name}, has a different one` };
    }
  }
  return { kind: 'none' };
}
