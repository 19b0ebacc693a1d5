/* Reading TestSchedule's `dateTime` (an ISO 8601 string in the request) into an instant, the same way
 * in the sandbox and the console. Without an offset the time is read in the schedule's zone
 * (assumptions.scheduleDateTimeWithoutOffsetIn), so "2026-11-24T09:00" means 09:00 where the
 * customer is, not where the server or the support agent happens to be. */
import { DateTime } from 'luxon';
import type { Schedule } from '../evo/schemas';
import { EVO_ASSUMPTIONS } from '../evo/assumptions';
import { resolveTimeZone } from './time-zones';

/** The instant `dateTime` names, or undefined when it is not an ISO date or date-time. */
export function parseScheduleDateTime(dateTime: string | null | undefined, schedule: Schedule): Date | undefined {
  if (typeof dateTime !== 'string' || dateTime.trim() === '') return undefined;
  const zone = EVO_ASSUMPTIONS.scheduleDateTimeWithoutOffsetIn === 'schedule-zone' ? resolveTimeZone(schedule.timeZoneId).zone : 'UTC';
  const parsed = DateTime.fromISO(dateTime.trim(), { zone });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** An instant as "YYYY-MM-DD HH:mm" wall time in the schedule's zone, with the zone's abbreviation
 *  (e.g. "2026-11-24 09:00 EST"), for "state now" labels. */
export function formatInScheduleZone(at: Date, schedule: Schedule): string {
  const { zone } = resolveTimeZone(schedule.timeZoneId);
  return DateTime.fromJSDate(at, { zone }).setLocale('en-US').toFormat('yyyy-MM-dd HH:mm ZZZZ');
}
