/* Date-level recurrence of a `Time` rule, with iCalendar RRULE (RFC 5545) semantics: "does the
 * rule have an occurrence on this local date?". Times of day are handled by evaluate.ts.
 *
 * Model: the recurrence is split into periods (a day, a week, a month or a year, by frequency);
 * `interval` keeps every Nth period counted from the period holding `startDate`; inside a period
 * the candidate dates are those that pass every BY* part (RFC "expand" and "limit" both reduce to
 * this for date-level parts), BYSETPOS then picks positions among them, and `count` numbers the
 * occurrences from `startDate` on. Parts the RFC marks N/A for a frequency (e.g. BYYEARDAY with
 * WEEKLY) are applied as limits rather than rejected, so odd data still behaves predictably. */
import type { DayOfWeek, KnownFrequency, SchedulingRule, SchedulingRuleFrequency } from '../evo/schemas';
import { DAYS_OF_WEEK, SCHEDULING_RULE_FREQUENCIES } from '../evo/schemas';
import { EVO_ASSUMPTIONS } from '../evo/assumptions';
import { civilDate, dayNumber, daysInMonth, daysInYear, isoWeek, isoWeekday, isoWeeksInYear, parseDate } from './civil';

export type DateFrequency = 'None' | 'Daily' | 'Weekly' | 'Monthly' | 'Yearly';

export interface WeekdaySpec {
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  weekday: number;
  /** 0 = every such weekday; n > 0 the nth in the month/year; n < 0 the nth from the end. */
  offset: number;
}

export interface Recurrence {
  frequency: DateFrequency;
  interval: number;
  start?: number;
  until?: number;
  count?: number;
  byMonth: number[];
  byWeekNo: number[];
  byYearDay: number[];
  byMonthDay: number[];
  byDay: WeekdaySpec[];
  bySetPosition: number[];
  /** Field problems found while reading the rule, for display. */
  problems: string[];
  /** An unreadable startDate/untilDate: the rule never matches rather than guessing its dates. */
  unreadableDates: boolean;
  /** A frequency this console does not know (as sent): the rule never matches here. */
  unknownFrequency?: string;
  /** byDay entries whose day this console does not know (as sent). They are left out; when no
   *  day is left, the rule never matches (rather than matching every day). */
  unreadableDays: string[];
}

/** Upper bound on periods walked for `count`, so corrupt data cannot hang the renderer. */
const MAX_PERIODS_WALKED = 200_000;

/** The date-level frequency, or undefined for a frequency this console does not know. */
export function normaliseFrequency(frequency: SchedulingRuleFrequency | undefined): DateFrequency | undefined {
  const f = frequency ?? EVO_ASSUMPTIONS.missingFrequencyMeans;
  if (!(SCHEDULING_RULE_FREQUENCIES as readonly string[]).includes(f)) return undefined;
  if (f === 'Secondly' || f === 'Minutely' || f === 'Hourly') return EVO_ASSUMPTIONS.subDailyFrequencyMeans;
  return f as Exclude<KnownFrequency, 'Secondly' | 'Minutely' | 'Hourly'>;
}

/** DayOfWeek name (case-insensitive) or .NET ordinal (Sunday = 0) → ISO weekday. */
export function isoWeekdayOf(dayOfWeek: DayOfWeek | string | number | undefined): number | undefined {
  let index: number;
  if (typeof dayOfWeek === 'number') index = dayOfWeek;
  else if (typeof dayOfWeek === 'string') index = DAYS_OF_WEEK.findIndex((d) => d.toLowerCase() === dayOfWeek.trim().toLowerCase());
  else return undefined;
  if (!Number.isInteger(index) || index < 0 || index > 6) return undefined;
  return index === 0 ? 7 : index;
}

function ints(values: readonly number[] | undefined, valid: (n: number) => boolean): number[] {
  return (values ?? []).filter((n) => Number.isInteger(n) && valid(n));
}

export function readRecurrence(rule: SchedulingRule): Recurrence {
  const problems: string[] = [];
  const start = parseDate(rule.startDate);
  if (rule.startDate && start === undefined) problems.push(`unreadable startDate "${rule.startDate}"`);
  const until = parseDate(rule.untilDate);
  if (rule.untilDate && until === undefined) problems.push(`unreadable untilDate "${rule.untilDate}"`);
  const byDay: WeekdaySpec[] = [];
  const unreadableDays: string[] = [];
  for (const d of rule.byDay ?? []) {
    const weekday = isoWeekdayOf(d?.dayOfWeek);
    if (weekday === undefined) {
      problems.push(`a day this console does not know: "${String(d?.dayOfWeek)}"`);
      unreadableDays.push(String(d?.dayOfWeek));
      continue;
    }
    const offset = Number.isInteger(d.offset) ? (d.offset as number) : 0;
    byDay.push({ weekday, offset: EVO_ASSUMPTIONS.dayOffsetZeroMeansEvery ? offset : offset || 1 });
  }
  const useAnchor = start !== undefined || !EVO_ASSUMPTIONS.intervalAndCountNeedStartDate;
  const frequency = normaliseFrequency(rule.frequency);
  const rec: Recurrence = {
    frequency: frequency ?? 'None',
    interval: useAnchor && Number.isInteger(rule.interval) && (rule.interval as number) > 1 ? (rule.interval as number) : 1,
    start,
    until,
    count: useAnchor && Number.isInteger(rule.count) && (rule.count as number) > 0 ? rule.count : undefined,
    byMonth: ints(rule.byMonth, (n) => n >= 1 && n <= 12),
    byWeekNo: ints(rule.byWeekNo, (n) => n !== 0 && Math.abs(n) <= 53),
    byYearDay: ints(rule.byYearDay, (n) => n !== 0 && Math.abs(n) <= 366),
    byMonthDay: ints(rule.byMonthDay, (n) => n !== 0 && Math.abs(n) <= 31),
    byDay,
    bySetPosition: ints(rule.bySetPosition, (n) => n !== 0 && Math.abs(n) <= 366),
    problems,
    unreadableDates: (!!rule.startDate && start === undefined) || (!!rule.untilDate && until === undefined),
    unreadableDays,
  };
  if (frequency === undefined) rec.unknownFrequency = String(rule.frequency);
  applyStartDateDefaults(rec);
  return rec;
}

/** RFC 5545: parts missing from the rule are taken from DTSTART (as python-dateutil does). */
function applyStartDateDefaults(rec: Recurrence): void {
  if (rec.start === undefined || rec.unreadableDays.length > 0) return;
  if (rec.byWeekNo.length || rec.byYearDay.length || rec.byMonthDay.length || rec.byDay.length) return;
  const { month, day } = civilDate(rec.start);
  if (rec.frequency === 'Yearly') {
    if (!rec.byMonth.length) rec.byMonth = [month];
    rec.byMonthDay = [day];
  } else if (rec.frequency === 'Monthly') {
    rec.byMonthDay = [day];
  } else if (rec.frequency === 'Weekly') {
    rec.byDay = [{ weekday: isoWeekday(rec.start), offset: 0 }];
  }
}

/** Does the recurrence have an occurrence on local date `n` (a day number)? */
export function occursOn(rec: Recurrence, n: number): boolean {
  if (rec.unreadableDates || rec.unknownFrequency !== undefined) return false;
  if (rec.unreadableDays.length > 0 && rec.byDay.length === 0) return false;
  if (rec.start !== undefined && n < rec.start) return false;
  if (rec.until !== undefined && n > rec.until) return false;
  if (rec.frequency === 'None') return occursOnWithoutFrequency(rec, n);
  const period = periodOf(rec.frequency, n);
  if (rec.start !== undefined && (period.index - periodOf(rec.frequency, rec.start).index) % rec.interval !== 0) return false;
  if (!rec.bySetPosition.length && rec.count === undefined) return matchesParts(rec, n);
  const candidates = occurrencesInPeriod(rec, period);
  const position = candidates.indexOf(n);
  if (position < 0) return false;
  if (rec.count === undefined || rec.start === undefined) return true;
  return countBefore(rec, period.index) + position + 1 <= rec.count;
}

function occursOnWithoutFrequency(rec: Recurrence, n: number): boolean {
  if (rec.start === undefined) return true; // no dates: every day (bounds already checked)
  if (rec.until !== undefined && EVO_ASSUMPTIONS.frequencyNoneSpansStartToUntil) return true;
  return n === rec.start;
}

interface Period {
  index: number;
  first: number;
  last: number;
}

const WEEK_START = isoWeekdayOf(EVO_ASSUMPTIONS.scheduleWeekStart) ?? 1;
/** 1970-01-05 was a Monday (day number 4); shift to the configured first day of the week. */
const WEEK_ANCHOR = 4 + (WEEK_START - 1);

function periodOf(frequency: Exclude<DateFrequency, 'None'>, n: number): Period {
  switch (frequency) {
    case 'Daily':
      return { index: n, first: n, last: n };
    case 'Weekly': {
      const index = Math.floor((n - WEEK_ANCHOR) / 7);
      return periodAt('Weekly', index);
    }
    case 'Monthly': {
      const { year, month } = civilDate(n);
      return periodAt('Monthly', year * 12 + month - 1);
    }
    case 'Yearly':
      return periodAt('Yearly', civilDate(n).year);
  }
}

function periodAt(frequency: Exclude<DateFrequency, 'None'>, index: number): Period {
  switch (frequency) {
    case 'Daily':
      return { index, first: index, last: index };
    case 'Weekly': {
      const first = WEEK_ANCHOR + index * 7;
      return { index, first, last: first + 6 };
    }
    case 'Monthly': {
      const year = Math.floor(index / 12);
      const month = index - year * 12 + 1;
      const first = dayNumber(year, month, 1);
      return { index, first, last: first + daysInMonth(year, month) - 1 };
    }
    case 'Yearly': {
      const first = dayNumber(index, 1, 1);
      return { index, first, last: first + daysInYear(index) - 1 };
    }
  }
}

/** The occurrences inside one period, in date order, after BYSETPOS and the start/until bounds. */
function occurrencesInPeriod(rec: Recurrence, period: Period): number[] {
  const all: number[] = [];
  for (let n = period.first; n <= period.last; n++) if (matchesParts(rec, n)) all.push(n);
  let picked = all;
  if (rec.bySetPosition.length) {
    const positions = new Set<number>();
    for (const p of rec.bySetPosition) {
      const i = p > 0 ? p - 1 : all.length + p;
      if (i >= 0 && i < all.length) positions.add(i);
    }
    picked = [...positions].sort((a, b) => a - b).map((i) => all[i] as number);
  }
  return picked.filter((n) => (rec.start === undefined || n >= rec.start) && (rec.until === undefined || n <= rec.until));
}

/** Occurrences in the kept periods from the start's period up to (excluding) period `index`. */
function countBefore(rec: Recurrence, index: number): number {
  const frequency = rec.frequency as Exclude<DateFrequency, 'None'>;
  const startIndex = periodOf(frequency, rec.start as number).index;
  let total = 0;
  let walked = 0;
  for (let i = startIndex; i < index; i += rec.interval) {
    total += occurrencesInPeriod(rec, periodAt(frequency, i)).length;
    if (total >= (rec.count as number) || ++walked > MAX_PERIODS_WALKED) return Number.POSITIVE_INFINITY;
  }
  return total;
}

/** Every date-level BY* part, as a predicate on one date. */
function matchesParts(rec: Recurrence, n: number): boolean {
  const { year, month, day } = civilDate(n);
  if (rec.byMonth.length && !rec.byMonth.includes(month)) return false;
  if (rec.byWeekNo.length) {
    const { week, weekYear } = isoWeek(n);
    const fromEnd = week - isoWeeksInYear(weekYear) - 1;
    if (!rec.byWeekNo.some((w) => w === week || w === fromEnd)) return false;
  }
  if (rec.byYearDay.length) {
    const doy = n - dayNumber(year, 1, 1) + 1;
    const fromEnd = doy - daysInYear(year) - 1;
    if (!rec.byYearDay.some((d) => d === doy || d === fromEnd)) return false;
  }
  if (rec.byMonthDay.length) {
    const fromEnd = day - daysInMonth(year, month) - 1;
    if (!rec.byMonthDay.some((d) => d === day || d === fromEnd)) return false;
  }
  if (rec.byDay.length && !rec.byDay.some((spec) => matchesWeekday(rec, spec, n, year, month, day))) return false;
  return true;
}

function matchesWeekday(rec: Recurrence, spec: WeekdaySpec, n: number, year: number, month: number, day: number): boolean {
  if (isoWeekday(n) !== spec.weekday) return false;
  if (spec.offset === 0) return true;
  // RFC 5545: the nth weekday is counted within the month for MONTHLY (and YEARLY with BYMONTH),
  // within the year for YEARLY; offsets mean nothing for DAILY/WEEKLY and are ignored there.
  if (rec.frequency === 'Monthly' || (rec.frequency === 'Yearly' && rec.byMonth.length)) {
    const nth = spec.offset > 0 ? Math.floor((day - 1) / 7) + 1 : -(Math.floor((daysInMonth(year, month) - day) / 7) + 1);
    return nth === spec.offset;
  }
  if (rec.frequency === 'Yearly') {
    const doy = n - dayNumber(year, 1, 1) + 1;
    const nth = spec.offset > 0 ? Math.floor((doy - 1) / 7) + 1 : -(Math.floor((daysInYear(year) - doy) / 7) + 1);
    return nth === spec.offset;
  }
  return true;
}
