/* The one copy of the date, duration and plural formatters the app and the CLI share. */
import { describe, expect, it } from 'vitest';
import { formatAge, formatDateTime, formatDuration, plural } from '../../src/shared/format';

describe('shared formatters', () => {
  it('durations: seconds, then minutes with two-digit seconds, then hours with two-digit minutes', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(65_000)).toBe('1 min 05 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_725_000)).toBe('1 h 02 min');
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('date-times: local "YYYY-MM-DD HH:MM"; an unparseable server value is shown as it is; nothing is a dash', () => {
    const local = new Date(2026, 10, 27, 4, 5, 59);
    expect(formatDateTime(local)).toBe('2026-11-27 04:05');
    expect(formatDateTime(local.getTime())).toBe('2026-11-27 04:05');
    expect(formatDateTime(local.toISOString())).toBe('2026-11-27 04:05');
    expect(formatDateTime('last Tuesday')).toBe('last Tuesday');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('')).toBe('—');
  });

  it('ages', () => {
    expect(formatAge(1000, 1000 + 30_000)).toBe('just now');
    expect(formatAge(0, 5 * 60_000)).toBe('5 min ago');
    expect(formatAge(0, 3 * 3_600_000)).toBe('3 h ago');
    expect(formatAge(0, 2 * 86_400_000)).toBe('2 days ago');
    expect(formatAge('not a date')).toBe('unknown age');
  });

  it('plurals: "1 customer", "2 customers", thousands separated, irregular forms', () => {
    expect(plural(1, 'customer')).toBe('1 customer');
    expect(plural(0, 'customer')).toBe('0 customers');
    expect(plural(2, 'page')).toBe('2 pages');
    expect(plural(1200, 'customer')).toBe('1,200 customers');
    expect(plural(2, 'child', 'children')).toBe('2 children');
  });
});
