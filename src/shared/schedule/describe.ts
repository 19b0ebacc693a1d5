/* Schedules in plain English for support staff ("Weekdays 08:00–17:00: Open", "Dec 25: Closed").
 * Reads the same fields, defaults and assumptions as the evaluator (via readRecurrence and
 * timeWindowOf), so what is described is what is evaluated. Output is plain text. */
import type { Schedule, SchedulingRule } from '../evo/schemas';
import { EVO_ASSUMPTIONS } from '../evo/assumptions';
import { civilDate, formatTime } from './civil';
import { defaultStateOf, ruleKind, rulesInEvaluationOrder, timeWindowOf } from './evaluate';
import type { Recurrence, WeekdaySpec } from './recurrence';
import { readRecurrence } from './recurrence';
import { resolveTimeZone } from './time-zones';

const DAY_SHORT = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DAY_LONG = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_SHORT = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface ScheduleDescription {
  /** Time zone, default state, force-closed and inherit, one line each. */
  header: string[];
  /** One line per rule, in evaluation order (the first that matches wins). */
  rules: string[];
}

export function describeSchedule(schedule: Schedule): ScheduleDescription {
  return {
    header: [describeTimeZone(schedule), describeDefaultState(schedule), describeForceClosed(schedule), describeInherit(schedule)],
    rules: rulesInEvaluationOrder(schedule.rules).map(describeRule),
  };
}

export function describeTimeZone(schedule: Schedule): string {
  const tz = resolveTimeZone(schedule.timeZoneId);
  switch (tz.source) {
    case 'default':
      return `Time zone: not set (${tz.zone} used)`;
    case 'iana':
      return `Time zone: ${tz.zone}`;
    case 'windows':
      return `Time zone: ${tz.given} (${tz.zone})`;
    case 'unknown':
      return `Time zone: ${tz.given} — not recognised, ${tz.zone} used here`;
  }
}

export function describeDefaultState(schedule: Schedule): string {
  return schedule.defaultState?.trim()
    ? `When no rule matches: ${schedule.defaultState}`
    : `When no rule matches: not set (${defaultStateOf(schedule)} assumed)`;
}

export function describeForceClosed(schedule: Schedule): string {
  return schedule.forceClosed
    ? `Force closed: yes — always ${EVO_ASSUMPTIONS.forceClosedStateName}, rules ignored`
    : 'Force closed: no';
}

export function describeInherit(schedule: Schedule): string {
  return schedule.inherit ? "Inherits: yes — the parent's schedule applies" : 'Inherits: no';
}

export function describeRule(rule: SchedulingRule): string {
  const state = rule.state?.trim() ? rule.state : '(no state — rule ignored)';
  switch (ruleKind(rule)) {
    case 'Always':
      return `Always: ${state}`;
    case 'CustomerState':
      return `When customer state is ${rule.customerState?.trim() ? rule.customerState : '(not set)'}: ${state}`;
    case 'Time':
      return `${describeWhen(rule)}: ${state}`;
    case 'Unknown':
      return `A rule of a type this console does not know: ${String(rule.simpleRuleType)} (${state}; not applied in the week picture)`;
  }
}

/** The "when" of a Time rule: dates, then the daily window. */
export function describeWhen(rule: SchedulingRule): string {
  const rec = readRecurrence(rule);
  const dates = describeDates(rec);
  const window = timeWindowOf(rule);
  let text = dates.text + describeBounds(rec, dates.boundsShown);
  if ('unreadable' in window) text += ` (unreadable ${window.unreadable})`;
  else if (!window.allDay) {
    const end = window.end === 24 * 60 ? '24:00' : formatTime(window.end);
    text += `${dates.boundsShown || !hasBounds(rec) ? ' ' : ', '}${formatTime(window.start)}–${end}`;
    if (window.end <= window.start) text += ' (next day)';
  } else if (!dates.wholeDays) text += ', all day';
  if (rec.problems.length) text += ` (${rec.problems.join('; ')})`;
  return text;
}

interface DatesText {
  text: string;
  /** The text already names the start/until dates (one-off dates and ranges). */
  boundsShown: boolean;
  /** The text names whole days on their own ("Dec 25", "Every day"), so "all day" adds nothing. */
  wholeDays: boolean;
}

function describeDates(rec: Recurrence): DatesText {
  if (rec.unknownFrequency !== undefined) return { text: `Repeats "${rec.unknownFrequency}" (a frequency this console does not know)`, boundsShown: false, wholeDays: false };
  const hasByParts = rec.byMonth.length || rec.byWeekNo.length || rec.byYearDay.length || rec.byMonthDay.length || rec.byDay.length || rec.bySetPosition.length;
  const rangeText = (): DatesText | undefined => {
    if (rec.start === undefined || rec.until === undefined) return undefined;
    return { text: dateRange(rec.start, rec.until), boundsShown: true, wholeDays: true };
  };
  switch (rec.frequency) {
    case 'None': {
      if (rec.start !== undefined && rec.until !== undefined && EVO_ASSUMPTIONS.frequencyNoneSpansStartToUntil) return rangeText() as DatesText;
      if (rec.start !== undefined) return { text: fullDate(rec.start), boundsShown: true, wholeDays: true };
      return { text: 'Every day', boundsShown: false, wholeDays: true };
    }
    case 'Daily': {
      if (!hasByParts && rec.interval === 1 && rec.count === undefined) {
        const range = rangeText();
        if (range) return range;
      }
      const every = rec.interval > 1 ? `Every ${rec.interval} days` : undefined;
      const limits = describeLimits(rec, 'day');
      if (!limits) return { text: every ?? 'Every day', boundsShown: false, wholeDays: true };
      return { text: every ? `${every}, ${lowerFirst(limits)}` : limits, boundsShown: false, wholeDays: false };
    }
    case 'Weekly': {
      const on = rec.byDay.length ? weekdaySet(rec.byDay.map((d) => d.weekday)) : 'Every day';
      const rest = describeLimits({ ...rec, byDay: [] }, 'week');
      const text = rec.interval > 1 ? `Every ${rec.interval} weeks on ${lowerFirst(on)}` : on;
      return { text: rest ? `${text}, ${lowerFirst(rest)}` : text, boundsShown: false, wholeDays: !rest && on === 'Every day' };
    }
    case 'Monthly': {
      const period = rec.interval > 1 ? `every ${rec.interval} months` : 'the month';
      const parts: string[] = [];
      const nth = rec.byDay.filter((d) => d.offset !== 0);
      if (nth.length) parts.push(`Every ${joinAnd(nth.map(nthWeekday))} of ${period}`);
      const every = rec.byDay.filter((d) => d.offset === 0);
      if (rec.byMonthDay.length) {
        const dayList = capitalise(joinAnd(rec.byMonthDay.map(monthDayName)));
        parts.push(`${dayList} of ${rec.interval > 1 ? period : 'every month'}${every.length ? ` if a ${weekdayList(every)}` : ''}`);
      } else if (every.length) parts.push(`${weekdaySet(every.map((d) => d.weekday))} in ${period}`);
      if (!parts.length) parts.push(rec.interval > 1 ? `Every ${rec.interval} months` : 'Every month');
      const rest = describeLimits({ ...rec, byDay: [], byMonthDay: [] }, 'month');
      return { text: parts.join('; ') + (rest ? `, ${lowerFirst(rest)}` : ''), boundsShown: false, wholeDays: false };
    }
    case 'Yearly': {
      const every = rec.interval > 1 ? ` every ${rec.interval} years` : '';
      const nth = rec.byDay.filter((d) => d.offset !== 0);
      const scope = rec.byMonth.length ? monthList(rec.byMonth) : 'the year';
      if (rec.byMonth.length && rec.byMonthDay.length && !rec.byDay.length && !rec.byWeekNo.length && !rec.byYearDay.length && !rec.bySetPosition.length) {
        const dates = rec.byMonth.flatMap((m) => rec.byMonthDay.map((d) => (d > 0 ? `${MONTH_SHORT[m]} ${d}` : capitalise(`${offsetWord(d)} day of ${MONTH_SHORT[m]}`))));
        return { text: dates.join(', ') + every, boundsShown: false, wholeDays: true };
      }
      if (nth.length && !rec.byMonthDay.length && !rec.byWeekNo.length && !rec.byYearDay.length && !rec.bySetPosition.length) {
        const others = rec.byDay.filter((d) => d.offset === 0);
        const text = `${capitalise(joinAnd(nth.map(nthWeekday)))} of ${scope}${others.length ? ` and every ${weekdayList(others)}` : ''}${every}`;
        return { text, boundsShown: false, wholeDays: true };
      }
      const limits = describeLimits(rec, 'year');
      return { text: (limits ?? 'Every day') + every, boundsShown: false, wholeDays: false };
    }
  }
}

/** Generic wording for BY* parts that the specific phrasings above did not cover. */
function describeLimits(rec: Recurrence, period: 'day' | 'week' | 'month' | 'year'): string | undefined {
  const parts: string[] = [];
  if (rec.byDay.length) {
    const plain = rec.byDay.filter((d) => d.offset === 0 || period === 'day' || period === 'week');
    const nth = rec.byDay.filter((d) => !plain.includes(d));
    if (plain.length) parts.push(weekdaySet(plain.map((d) => d.weekday)));
    if (nth.length) parts.push(`the ${joinAnd(nth.map(nthWeekday))} of the ${rec.byMonth.length ? 'month' : period}`);
  }
  if (rec.byMonthDay.length) parts.push(`${joinAnd(rec.byMonthDay.map(monthDayName))} of the month`);
  if (rec.byYearDay.length) parts.push(`day ${joinAnd(rec.byYearDay.map(yearDayName))} of the year`);
  if (rec.byWeekNo.length) parts.push(`ISO week ${joinAnd(rec.byWeekNo.map(weekNoName))}`);
  if (rec.byMonth.length) parts.push(`in ${monthList(rec.byMonth)}`);
  if (rec.bySetPosition.length) parts.push(`only the ${joinAnd(rec.bySetPosition.map(offsetWord))} of these in each ${period}`);
  return parts.length ? capitalise(parts.join(', ')) : undefined;
}

function hasBounds(rec: Recurrence): boolean {
  return rec.start !== undefined || rec.until !== undefined || rec.count !== undefined;
}

function describeBounds(rec: Recurrence, boundsShown: boolean): string {
  if (boundsShown) return '';
  const parts: string[] = [];
  if (rec.start !== undefined) parts.push(`from ${fullDate(rec.start)}`);
  if (rec.until !== undefined) parts.push(`until ${fullDate(rec.until)}`);
  let text = parts.length ? ` ${parts.join(' ')}` : '';
  if (rec.count !== undefined) text += `, ${rec.count === 1 ? 'once' : `${rec.count} times`}`;
  return text;
}

/** "Weekdays", "Weekends", "Every day" or "Mon, Wed, Fri" (in week order). */
function weekdaySet(weekdays: number[]): string {
  const set = [...new Set(weekdays)].sort((a, b) => a - b);
  const key = set.join('');
  if (key === '1234567') return 'Every day';
  if (key === '12345') return 'Weekdays';
  if (key === '67') return 'Weekends';
  return set.map((d) => DAY_SHORT[d]).join(', ');
}

function weekdayList(days: WeekdaySpec[]): string {
  return joinOr(days.map((d) => DAY_LONG[d.weekday] as string));
}

function nthWeekday(spec: WeekdaySpec): string {
  return `${offsetWord(spec.offset)} ${DAY_LONG[spec.weekday]}`;
}

/** 1 → "1st", -1 → "last", -2 → "2nd-to-last". */
export function offsetWord(n: number): string {
  if (n === -1) return 'last';
  if (n < 0) return `${ordinal(-n)}-to-last`;
  return ordinal(n);
}

export function ordinal(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** 15 → "day 15", -1 → "last day", -2 → "2nd-to-last day". */
function monthDayName(d: number): string {
  return d > 0 ? `day ${d}` : `${offsetWord(d)} day`;
}

function yearDayName(d: number): string {
  return d > 0 ? String(d) : `${offsetWord(d)}`;
}

function weekNoName(w: number): string {
  return w > 0 ? String(w) : offsetWord(w);
}

function monthList(months: number[]): string {
  return joinAnd([...new Set(months)].sort((a, b) => a - b).map((m) => MONTH_SHORT[m] as string));
}

function fullDate(n: number): string {
  const { year, month, day } = civilDate(n);
  return `${MONTH_SHORT[month]} ${day}, ${year}`;
}

/** "Jan 1 – Jan 3, 2027", or with both years when they differ. */
function dateRange(start: number, until: number): string {
  const a = civilDate(start);
  const b = civilDate(until);
  if (start === until) return fullDate(start);
  if (a.year === b.year) return `${MONTH_SHORT[a.month]} ${a.day} – ${MONTH_SHORT[b.month]} ${b.day}, ${b.year}`;
  return `${fullDate(start)} – ${fullDate(until)}`;
}

function joinAnd(items: string[]): string {
  return joinWith(items, 'and');
}

function joinOr(items: string[]): string {
  return joinWith(items, 'or');
}

function joinWith(items: string[], word: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  // Keep day and month names capitalised; only lower generic openings like "Every"/"Day".
  return /^(Every|Day|Days|Weekdays|Weekends|The|In|Only)\b/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}
