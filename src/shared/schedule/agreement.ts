/* Does our offline evaluation agree with the server's TestSchedule answer? The week picture is
 * computed locally from unconfirmed semantics (see assumptions.ts); when the server's "state now"
 * differs, the console labels the picture as an approximation. */
import type { Schedule } from '../evo/schemas';
import { evaluateSchedule } from './evaluate';

/** State names are compared trimmed and case-insensitively (only spelling of the same state may differ). */
export function sameStateName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function agreesWithServer(schedule: Schedule, at: Date, serverStateName: string | null | undefined): boolean {
  if (typeof serverStateName !== 'string') return false;
  return sameStateName(evaluateSchedule(schedule, at).stateName, serverStateName);
}
