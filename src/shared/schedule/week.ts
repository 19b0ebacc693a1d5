/* Data for the week picture: 7 local days × slots, each coloured by the state evaluateSchedule
 * gives at the slot's start (so the picture and the evaluator cannot disagree, and it works offline).
 *
 * DST: a slot's start is a wall-clock time in the schedule's zone turned into an instant with luxon.
 * A slot start skipped by spring-forward (02:00 on 2026-03-08 in New York) is moved forward by the
 * gap (luxon's rule), so that slot shows the state of the first real instant after the gap; a
 * repeated wall time on fall-back day uses one of its two instants — under wall-clock semantics both
 * have the same state. Every day keeps 24 h of slots, so the grid is always rectangular. */
import { DateTime } from 'luxon';
import type { Schedule } from '../evo/schemas';
import { civilDate, formatDate, formatTime, isoWeekday, parseDate } from './civil';
import { evaluateSchedule } from './evaluate';
import { resolveTimeZone } from './time-zones';

export interface WeekGridSlot {
  /** Local start time in the schedule's zone, "HH:mm". */
  start: string;
  stateName: string;
}

export interface WeekGridDay {
  /** Local date, "YYYY-MM-DD". */
  date: string;
  /** e.g. "Mon Nov 23". */
  label: string;
  slots: WeekGridSlot[];
}

export interface WeekGrid {
  /** IANA zone the grid is in (the schedule's zone, or the default when unset/unknown). */
  zone: string;
  days: WeekGridDay[];
  /** States that appear in the grid, in order of first appearance (for the legend). */
  states: string[];
  /** Why some slots may be wrong (evaluateSchedule's doubts over the week); empty when none. */
  doubts: string[];
}

const DAY_SHORT = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_SHORT = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * @param weekStartLocalDate "YYYY-MM-DD", normally a Monday (see weekStartOf); the grid covers it
 *   and the 6 following local days whatever weekday it is.
 * @param slotMinutes slot length; must divide a day (e.g. 15, 30, 60).
 */
export function weekGrid(schedule: Schedule, weekStartLocalDate: string, slotMinutes = 60): WeekGrid {
  const first = parseDate(weekStartLocalDate);
  if (first === undefined) throw new RangeError(`weekGrid: "${weekStartLocalDate}" is not a YYYY-MM-DD date`);
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0 || (24 * 60) % slotMinutes !== 0) {
    throw new RangeError(`weekGrid: slotMinutes ${slotMinutes} must divide 1440`);
  }
  const { zone } = resolveTimeZone(schedule.timeZoneId);
  const states: string[] = [];
  const doubts: string[] = [];
  const days: WeekGridDay[] = [];
  for (let n = first; n < first + 7; n++) {
    const { year, month, day } = civilDate(n);
    const slots: WeekGridSlot[] = [];
    for (let minute = 0; minute < 24 * 60; minute += slotMinutes) {
      const at = DateTime.fromObject({ year, month, day, hour: Math.floor(minute / 60), minute: minute % 60 }, { zone }).toJSDate();
      const evaluation = evaluateSchedule(schedule, at);
      const { stateName } = evaluation;
      if (!states.includes(stateName)) states.push(stateName);
      for (const doubt of evaluation.doubts) if (!doubts.includes(doubt)) doubts.push(doubt);
      slots.push({ start: formatTime(minute), stateName });
    }
    days.push({ date: formatDate(n), label: `${DAY_SHORT[isoWeekday(n)]} ${MONTH_SHORT[month]} ${day}`, slots });
  }
  return { zone, days, states, doubts };
}

/** The local Monday (YYYY-MM-DD, in the schedule's zone) of the week holding `at`. */
export function weekStartOf(schedule: Schedule, at: Date): string {
  const { zone } = resolveTimeZone(schedule.timeZoneId);
  const local = DateTime.fromJSDate(at, { zone });
  const n = parseDate(local.toISODate() ?? '') as number;
  return formatDate(n - (isoWeekday(n) - 1));
}
