import { describe, expect, it } from 'vitest';
import type { SchedulingRule } from '../../../src/shared/evo/schemas';
import { EVO_ASSUMPTIONS } from '../../../src/shared/evo/assumptions';
import { describeRule, describeSchedule } from '../../../src/shared/schedule';
import { seed } from './helpers';

const WEEKDAYS = (['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const).map((dayOfWeek) => ({ dayOfWeek }));
const rule = (r: Partial<SchedulingRule>): SchedulingRule => ({ simpleRuleType: 'Time', ...r });

describe('describeRule', () => {
  it.each<[string, SchedulingRule]>([
    ['Weekdays 08:00–17:00: Open', rule({ state: 'Open', frequency: 'Weekly', byDay: WEEKDAYS, startTime: '08:00', endTime: '17:00' })],
    ['Mon, Wed, Fri 12:00–13:00: Lunch', rule({ state: 'Lunch', frequency: 'Weekly', byDay: [{ dayOfWeek: 'Friday' }, { dayOfWeek: 'Monday' }, { dayOfWeek: 'Wednesday' }], startTime: '12:00', endTime: '13:00' })],
    ['Every day: After Hours', rule({ state: 'After Hours', frequency: 'Daily' })],
    ['Dec 25: Closed', rule({ state: 'Closed', frequency: 'Yearly', byMonth: [12], byMonthDay: [25], isAllDay: true })],
    ['Every 2nd Monday of the month 09:00–10:00: Meeting', rule({ state: 'Meeting', frequency: 'Monthly', byDay: [{ dayOfWeek: 'Monday', offset: 2 }], startTime: '09:00', endTime: '10:00' })],
    ['Every last Friday of the month, all day: Closed', rule({ state: 'Closed', frequency: 'Monthly', byDay: [{ dayOfWeek: 'Friday', offset: -1 }], isAllDay: true })],
    ['Jan 1 – Jan 3, 2027: Holiday', rule({ state: 'Holiday', frequency: 'None', startDate: '2027-01-01', untilDate: '2027-01-03', isAllDay: true })],
    ['Dec 30, 2026 – Jan 2, 2027: Holiday', rule({ state: 'Holiday', frequency: 'Daily', startDate: '2026-12-30', untilDate: '2027-01-02', isAllDay: true })],
    ['Jul 4, 2026 09:00–12:00: Parade', rule({ state: 'Parade', frequency: 'None', startDate: '2026-07-04', startTime: '09:00', endTime: '12:00' })],
    ['Weekends, all day: Closed', rule({ state: 'Closed', frequency: 'Weekly', byDay: [{ dayOfWeek: 'Sunday' }, { dayOfWeek: 'Saturday' }], isAllDay: true })],
    ['Weekdays 22:00–06:00 (next day): Night Shift', rule({ state: 'Night Shift', frequency: 'Weekly', byDay: WEEKDAYS, startTime: '22:00', endTime: '06:00' })],
    ['4th Thursday of Nov: Holiday', rule({ state: 'Holiday', frequency: 'Yearly', byMonth: [11], byDay: [{ dayOfWeek: 'Thursday', offset: 4 }], isAllDay: true })],
    ['Last day of every month, all day: Billing', rule({ state: 'Billing', frequency: 'Monthly', byMonthDay: [-1], isAllDay: true })],
    ['Every 2 weeks on Wed from Jan 7, 2026, 6 times, 14:00–16:00: Training', rule({ state: 'Training', frequency: 'Weekly', interval: 2, startDate: '2026-01-07', count: 6, byDay: [{ dayOfWeek: 'Wednesday' }], startTime: '14:00', endTime: '16:00' })],
    ['Every 3 days from Jan 1, 2026 until Feb 1, 2026: Check', rule({ state: 'Check', frequency: 'Daily', interval: 3, startDate: '2026-01-01', untilDate: '2026-02-01' })],
    ['Always: Closed', { simpleRuleType: 'Always', state: 'Closed' }],
    ['When customer state is Emergency: Closed', { simpleRuleType: 'CustomerState', customerState: 'Emergency', state: 'Closed' }],
  ])('%s', (expected, r) => {
    expect(describeRule(r)).toBe(expected);
  });

  it('says when a rule has no state or unreadable fields', () => {
    expect(describeRule({ simpleRuleType: 'Always' })).toBe('Always: (no state — rule ignored)');
    expect(describeRule(rule({ state: 'Open', startTime: '9am', endTime: '17:00' }))).toContain('unreadable startTime "9am"');
    expect(describeRule(rule({ state: 'Open', frequency: 'Daily', startDate: '2026-13-01' }))).toContain('unreadable startDate "2026-13-01"');
  });
});

describe('describeSchedule', () => {
  it('describes the header and the rules in evaluation order', () => {
    expect(describeSchedule(seed('business-hours-new-york'))).toEqual({
      header: ['Time zone: America/New_York', 'When no rule matches: Closed', 'Force closed: no', 'Inherits: no'],
      rules: ['Dec 25: Holiday', 'Jan 1: Holiday', 'Jul 4: Holiday', '4th Thursday of Nov: Holiday', 'Weekdays 12:00–13:00: Lunch', 'Weekdays 08:00–17:00: Open'],
    });
  });

  it('names Windows zones with their IANA zone, and flags unknown or missing zones', () => {
    expect(describeSchedule(seed('pacific-windows-zone')).header[0]).toBe('Time zone: Pacific Standard Time (America/Los_Angeles)');
    expect(describeSchedule({ timeZoneId: 'Mars/Olympus_Mons' }).header[0]).toBe(`Time zone: Mars/Olympus_Mons — not recognised, ${EVO_ASSUMPTIONS.defaultTimeZone} used here`);
    expect(describeSchedule({}).header[0]).toBe(`Time zone: not set (${EVO_ASSUMPTIONS.defaultTimeZone} used)`);
  });

  it('describes force-closed and inherit schedules', () => {
    expect(describeSchedule(seed('force-closed')).header.slice(1)).toEqual([
      'When no rule matches: Open',
      `Force closed: yes — always ${EVO_ASSUMPTIONS.forceClosedStateName}, rules ignored`,
      'Inherits: no',
    ]);
    expect(describeSchedule(seed('inherits-parent'))).toEqual({
      header: [
        `Time zone: not set (${EVO_ASSUMPTIONS.defaultTimeZone} used)`,
        `When no rule matches: not set (${EVO_ASSUMPTIONS.scheduleFallbackState} assumed)`,
        'Force closed: no',
        "Inherits: yes — the parent's schedule applies",
      ],
      rules: [],
    });
  });

  it('keeps hostile text as plain text (rendering escapes it)', () => {
    expect(describeRule({ simpleRuleType: 'Always', state: '<script>alert(1)</script>' })).toBe('Always: <script>alert(1)</script>');
  });
});
