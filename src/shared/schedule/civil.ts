/* Calendar arithmetic on plain local dates (no zone, no DST): a date is a day number counted from
 * 1970-01-01. Recurrence matching works on these, so it is exact and cheap. */

export interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

/** Day number (days since 1970-01-01) of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilDate(n: number): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(n: number): number {
  return (((n % 7) + 7 + 3) % 7) + 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayNumber(year, month, 1);
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** ISO 8601 week number and its week-year (weeks start Monday; week 1 holds the first Thursday). */
export function isoWeek(n: number): { week: number; weekYear: number } {
  const thursday = n - isoWeekday(n) + 4;
  const weekYear = civilDate(thursday).year;
  return { week: Math.floor((thursday - dayNumber(weekYear, 1, 1)) / 7) + 1, weekYear };
}

export function isoWeeksInYear(weekYear: number): number {
  return isoWeek(dayNumber(weekYear, 12, 28)).week;
}

/** "YYYY-MM-DD" (a trailing time part is ignored, see assumptions.dateFormat) → day number, or undefined. */
export function parseDate(text: string | null | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumber(year, month, day);
}

export function formatDate(n: number): string {
  const { year, month, day } = civilDate(n);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** "HH:mm" (seconds tolerated and ignored) → minutes after midnight; "24:00" → 1440. */
export function parseTime(text: string | null | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*$/.exec(text);
  if (!m) return undefined;
  const [hours, minutes] = [Number(m[1]), Number(m[2])];
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

export function formatTime(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
