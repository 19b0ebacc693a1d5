import { SEED_SCHEDULES } from '../../../sandbox/seed/schedules';
import type { Schedule } from '../../../src/shared/evo/schemas';
import { evaluateSchedule } from '../../../src/shared/schedule';

export function seed(key: string): Schedule {
  const found = SEED_SCHEDULES.find((s) => s.key === key);
  if (!found) throw new Error(`no seed schedule ${key}`);
  return found.schedule;
}

/** State at an ISO instant (tests write instants with explicit offsets, worked out by hand). */
export function stateAt(schedule: Schedule, iso: string): string {
  return evaluateSchedule(schedule, new Date(iso)).stateName;
}

/** [instant, expected state, why] rows → a compact table of mismatches (empty when all agree). */
export function mismatches(schedule: Schedule, rows: [string, string, string][]): string[] {
  return rows.flatMap(([iso, expected, why]) => {
    const actual = stateAt(schedule, iso);
    return actual === expected ? [] : [`${iso} (${why}): expected ${expected}, got ${actual}`];
  });
}
