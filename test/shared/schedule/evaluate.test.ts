/* Evaluator semantics on small hand-made schedules: precedence, rule types, time windows,
 * recurrence parts (RRULE), DST change days. Instants carry their real offsets; weekdays and
 * offsets were checked against a calendar, not against this code. */
import { describe, expect, it } from 'vitest';
import type { Schedule, SchedulingRule } from '../../../src/shared/evo/schemas';
import { EVO_ASSUMPTIONS } from '../../../src/shared/evo/assumptions';
import { evaluateSchedule, rulesInEvaluationOrder } from '../../../src/shared/schedule';
import { mismatches, stateAt } from './helpers';

const time = (rule: Partial<SchedulingRule>): SchedulingRule => ({ simpleRuleType: 'Time', state: 'On', ...rule });
const inUtc = (...rules: SchedulingRule[]): Schedule => ({ timeZoneId: 'UTC', defaultState: 'Off', rules });
const inNewYork = (...rules: SchedulingRule[]): Schedule => ({ timeZoneId: 'America/New_York', defaultState: 'Off', rules });

describe('precedence', () => {
  const a = time({ id: 'a', priority: 5, state: 'A' });
  const b = time({ id: 'b', priority: 1, state: 'B' });

  it('evaluates rules in priority order (direction from assumptions), first match wins', () => {
    const expected = EVO_ASSUMPTIONS.lowerPriorityWins ? 'B' : 'A';
    expect(stateAt(inUtc(a, b), '2026-11-24T10:00:00Z')).toBe(expected);
    expect(stateAt(inUtc(b, a), '2026-11-24T10:00:00Z')).toBe(expected);
  });

  it('keeps list order for equal priorities and puts rules without priority last', () => {
    const c = time({ id: 'c', priority: 1, state: 'C' });
    const none = time({ id: 'none', state: 'N' });
    const order = rulesInEvaluationOrder([none, a, c, b]).map((r) => r.id);
    const numbered = EVO_ASSUMPTIONS.lowerPriorityWins ? ['c', 'b', 'a'] : ['a', 'c', 'b'];
    expect(order).toEqual(EVO_ASSUMPTIONS.missingPriorityEvaluatedLast ? [...numbered, 'none'] : ['none', ...numbered]);
  });

  it('falls back to defaultState, then to the assumed fallback state', () => {
    const r = evaluateSchedule(inUtc(time({ isAllDay: true, frequency: 'None', startDate: '2020-01-01' })), new Date('2026-11-24T10:00:00Z'));
    expect(r).toMatchObject({ stateName: 'Off', decidedBy: 'default' });
    expect(stateAt({ timeZoneId: 'UTC', rules: [] }, '2026-11-24T10:00:00Z')).toBe(EVO_ASSUMPTIONS.scheduleFallbackState);
    expect(stateAt({ timeZoneId: 'UTC', defaultState: '  ', rules: [] }, '2026-11-24T10:00:00Z')).toBe(EVO_ASSUMPTIONS.scheduleFallbackState);
  });

  it('forceClosed wins over an Always rule', () => {
    const s: Schedule = { ...inUtc({ simpleRuleType: 'Always', state: 'Open' }), forceClosed: true };
    expect(stateAt(s, '2026-11-24T10:00:00Z')).toBe(EVO_ASSUMPTIONS.forceClosedStateName);
  });

  it('returns the deciding rule', () => {
    const r = evaluateSchedule(inUtc(a, b), new Date('2026-11-24T10:00:00Z'));
    expect(r.decidedBy).toBe('rule');
    expect(r.matchedRule?.id).toBe(EVO_ASSUMPTIONS.lowerPriorityWins ? 'b' : 'a');
  });
});

describe('rule types', () => {
  it('Always matches at any instant', () => {
    expect(stateAt(inUtc({ simpleRuleType: 'Always', state: 'Closed' }), '2031-02-03T04:05:00Z')).toBe('Closed');
  });

  it('CustomerState rules do not match in a pure evaluation; the next rule decides', () => {
    const s = inUtc(
      { simpleRuleType: 'CustomerState', customerState: 'Emergency', state: 'Closed', priority: 1 },
      { simpleRuleType: 'Always', state: 'Open', priority: 2 },
    );
    expect(stateAt(s, '2026-11-24T10:00:00Z')).toBe(EVO_ASSUMPTIONS.customerStateRulesMatchWithoutState ? 'Closed' : 'Open');
  });

  it('skips rules without a state and rules with unreadable times', () => {
    expect(stateAt(inUtc({ simpleRuleType: 'Always' }), '2026-11-24T10:00:00Z')).toBe(EVO_ASSUMPTIONS.ruleWithoutStateIsSkipped ? 'Off' : '');
    expect(stateAt(inUtc(time({ startTime: '9am', endTime: '17:00' })), '2026-11-24T10:00:00Z')).toBe('Off');
    expect(stateAt(inUtc(time({ startTime: '25:00', endTime: '17:00' })), '2026-11-24T10:00:00Z')).toBe('Off');
    expect(stateAt(inUtc(time({ startDate: '2026-02-30', frequency: 'Daily' })), '2026-11-24T10:00:00Z')).toBe('Off');
  });

  it('reads a rule without simpleRuleType as the assumed type', () => {
    const rule: SchedulingRule = { state: 'On', startTime: '09:00', endTime: '10:00' };
    const expected = EVO_ASSUMPTIONS.missingRuleTypeMeans === 'Time' ? ['On', 'Off'] : ['On', 'On'];
    expect([stateAt(inUtc(rule), '2026-11-24T09:30:00Z'), stateAt(inUtc(rule), '2026-11-24T10:30:00Z')]).toEqual(expected);
  });
});

describe('time windows', () => {
  it('isAllDay ignores startTime/endTime', () => {
    const s = inUtc(time({ isAllDay: true, startTime: '09:00', endTime: '10:00', frequency: 'Daily' }));
    expect(mismatches(s, [['2026-11-24T00:00:00Z', 'On', 'midnight'], ['2026-11-24T23:59:00Z', 'On', 'late']])).toEqual([]);
  });

  it('no times at all means the whole day; one missing end means the day edge', () => {
    expect(stateAt(inUtc(time({ frequency: 'Daily' })), '2026-11-24T23:59:00Z')).toBe(EVO_ASSUMPTIONS.missingTimesMeanAllDay ? 'On' : 'Off');
    const fromNine = inUtc(time({ startTime: '09:00' }));
    expect(mismatches(fromNine, [['2026-11-24T08:59:00Z', 'Off', ''], ['2026-11-24T23:59:00Z', 'On', 'until midnight']])).toEqual([]);
  });

  it('accepts HH:mm:ss and 24:00 as an end', () => {
    const s = inUtc(time({ startTime: '22:00:00', endTime: '24:00' }));
    expect(mismatches(s, [['2026-11-24T21:59:00Z', 'Off', ''], ['2026-11-24T22:00:00Z', 'On', ''], ['2026-11-24T23:59:59Z', 'On', ''], ['2026-11-25T00:00:00Z', 'Off', 'next day starts']])).toEqual([]);
  });

  it('end == start spans a whole day from start', () => {
    const s = inUtc(time({ startTime: '06:00', endTime: '06:00', frequency: 'None', startDate: '2026-11-24' }));
    expect(
      mismatches(s, [
        ['2026-11-24T05:59:00Z', 'Off', 'before'],
        ['2026-11-24T06:00:00Z', 'On', 'start'],
        ['2026-11-25T05:59:00Z', 'On', 'early next day belongs to the 24th'],
        ['2026-11-25T06:00:00Z', 'Off', 'end exclusive'],
      ]),
    ).toEqual([]);
  });

  it('a midnight-spanning window stays with its date even when untilDate has passed', () => {
    const s = inUtc(time({ frequency: 'Daily', startDate: '2026-01-01', untilDate: '2026-01-03', startTime: '22:00', endTime: '02:00' }));
    expect(
      mismatches(s, [
        ['2026-01-01T01:00:00Z', 'Off', 'early Jan 1 belongs to Dec 31: before startDate'],
        ['2026-01-01T22:00:00Z', 'On', 'Jan 1 night'],
        ['2026-01-04T01:59:00Z', 'On', 'early Jan 4 belongs to Jan 3 (until, inclusive)'],
        ['2026-01-04T22:00:00Z', 'Off', 'Jan 4 night: after untilDate'],
      ]),
    ).toEqual([]);
  });
});

describe('recurrence (RRULE parts)', () => {
  it('byMonthDay counts negative values from the month end', () => {
    const s = inUtc(time({ frequency: 'Monthly', byMonthDay: [-1], isAllDay: true }));
    expect(mismatches(s, [['2026-02-28T12:00:00Z', 'On', 'last of Feb'], ['2026-02-27T12:00:00Z', 'Off', ''], ['2028-02-29T12:00:00Z', 'On', 'leap year'], ['2026-04-30T12:00:00Z', 'On', '']])).toEqual([]);
  });

  it('byMonthDay 31 skips shorter months (no rollover)', () => {
    const s = inUtc(time({ frequency: 'Monthly', byMonthDay: [31], isAllDay: true }));
    expect(mismatches(s, [['2026-03-31T12:00:00Z', 'On', ''], ['2026-04-30T12:00:00Z', 'Off', ''], ['2026-05-01T12:00:00Z', 'Off', '']])).toEqual([]);
  });

  it('byDay offsets: nth and nth-from-last weekday of the month', () => {
    const secondToLastFriday = inUtc(time({ frequency: 'Monthly', byDay: [{ dayOfWeek: 'Friday', offset: -2 }], isAllDay: true }));
    // November 2026 Fridays: 6, 13, 20, 27.
    expect(mismatches(secondToLastFriday, [['2026-11-20T12:00:00Z', 'On', ''], ['2026-11-27T12:00:00Z', 'Off', ''], ['2026-11-13T12:00:00Z', 'Off', '']])).toEqual([]);
    const firstAndThirdTuesday = inUtc(time({ frequency: 'Monthly', byDay: [{ dayOfWeek: 'Tuesday', offset: 1 }, { dayOfWeek: 'Tuesday', offset: 3 }], isAllDay: true }));
    // December 2026 Tuesdays: 1, 8, 15, 22, 29.
    expect(mismatches(firstAndThirdTuesday, [['2026-12-01T12:00:00Z', 'On', ''], ['2026-12-08T12:00:00Z', 'Off', ''], ['2026-12-15T12:00:00Z', 'On', '']])).toEqual([]);
  });

  it('byDay offset 0 means every such weekday', () => {
    const s = inUtc(time({ frequency: 'Monthly', byDay: [{ dayOfWeek: 'Sunday', offset: 0 }], isAllDay: true }));
    expect(mismatches(s, [['2026-11-01T12:00:00Z', 'On', ''], ['2026-11-29T12:00:00Z', 'On', ''], ['2026-11-30T12:00:00Z', 'Off', 'Monday']])).toEqual([]);
  });

  it('Yearly byDay offsets count within the year, or within byMonth when given', () => {
    // Last Friday of 2026 is Dec 25 (Dec 31 is a Thursday); 1st Monday of 2026 is Jan 5.
    const lastFridayOfYear = inUtc(time({ frequency: 'Yearly', byDay: [{ dayOfWeek: 'Friday', offset: -1 }], isAllDay: true }));
    expect(mismatches(lastFridayOfYear, [['2026-12-25T12:00:00Z', 'On', ''], ['2026-12-18T12:00:00Z', 'Off', ''], ['2026-01-30T12:00:00Z', 'Off', 'last Friday of Jan only']])).toEqual([]);
    const firstMonday = inUtc(time({ frequency: 'Yearly', byDay: [{ dayOfWeek: 'Monday', offset: 1 }], isAllDay: true }));
    expect(mismatches(firstMonday, [['2026-01-05T12:00:00Z', 'On', ''], ['2026-02-02T12:00:00Z', 'Off', '1st Monday of Feb, not of the year']])).toEqual([]);
    const lastMondayOfMay = inUtc(time({ frequency: 'Yearly', byMonth: [5], byDay: [{ dayOfWeek: 'Monday', offset: -1 }], isAllDay: true }));
    expect(mismatches(lastMondayOfMay, [['2026-05-25T12:00:00Z', 'On', 'Memorial Day 2026'], ['2026-05-18T12:00:00Z', 'Off', '']])).toEqual([]);
  });

  it('byYearDay, with negative values from the year end', () => {
    const s = inUtc(time({ frequency: 'Yearly', byYearDay: [100, -1], isAllDay: true }));
    expect(mismatches(s, [['2026-04-10T12:00:00Z', 'On', 'day 100 of 2026'], ['2026-12-31T12:00:00Z', 'On', 'last day'], ['2028-04-09T12:00:00Z', 'On', 'day 100 of a leap year'], ['2026-04-11T12:00:00Z', 'Off', '']])).toEqual([]);
  });

  it('byWeekNo uses ISO weeks (week 1 may start in December)', () => {
    const s = inUtc(time({ frequency: 'Yearly', byWeekNo: [1], byDay: [{ dayOfWeek: 'Monday' }], isAllDay: true }));
    expect(
      mismatches(s, [
        ['2025-12-29T12:00:00Z', 'On', 'Monday of ISO week 1 of 2026'],
        ['2027-01-04T12:00:00Z', 'On', 'Monday of ISO week 1 of 2027'],
        ['2026-01-05T12:00:00Z', 'Off', 'ISO week 2'],
        ['2026-12-28T12:00:00Z', 'Off', 'ISO week 53 of 2026'],
      ]),
    ).toEqual([]);
  });

  it('bySetPosition picks among the period candidates: last weekday of the month', () => {
    const weekdays = (['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const).map((dayOfWeek) => ({ dayOfWeek }));
    const s = inUtc(time({ frequency: 'Monthly', byDay: weekdays, bySetPosition: [-1], isAllDay: true }));
    expect(
      mismatches(s, [
        ['2026-01-30T12:00:00Z', 'On', 'Fri Jan 30 (31st is a Sat)'],
        ['2026-01-29T12:00:00Z', 'Off', ''],
        ['2026-02-27T12:00:00Z', 'On', 'Fri Feb 27 (28th is a Sat)'],
        ['2026-03-31T12:00:00Z', 'On', 'Tue Mar 31'],
        ['2026-05-29T12:00:00Z', 'On', 'Fri May 29 (31st is a Sun)'],
      ]),
    ).toEqual([]);
  });

  it('interval counts periods from startDate; missing parts come from startDate', () => {
    const everyThirdDay = inUtc(time({ frequency: 'Daily', interval: 3, startDate: '2026-01-01', isAllDay: true }));
    expect(mismatches(everyThirdDay, [['2026-01-04T12:00:00Z', 'On', ''], ['2026-01-05T12:00:00Z', 'Off', ''], ['2026-01-07T12:00:00Z', 'On', ''], ['2025-12-29T12:00:00Z', 'Off', 'before start']])).toEqual([]);
    const quarterly = inUtc(time({ frequency: 'Monthly', interval: 3, startDate: '2026-01-15', isAllDay: true }));
    expect(mismatches(quarterly, [['2026-04-15T12:00:00Z', 'On', ''], ['2026-02-15T12:00:00Z', 'Off', ''], ['2026-04-16T12:00:00Z', 'Off', ''], ['2027-01-15T12:00:00Z', 'On', '']])).toEqual([]);
    const weeklyFromStart = inUtc(time({ frequency: 'Weekly', startDate: '2026-11-24', isAllDay: true }));
    expect(mismatches(weeklyFromStart, [['2026-12-01T12:00:00Z', 'On', 'Tuesday like startDate'], ['2026-12-02T12:00:00Z', 'Off', '']])).toEqual([]);
    const yearly = inUtc(time({ frequency: 'Yearly', startDate: '2026-07-04', count: 2, isAllDay: true }));
    expect(mismatches(yearly, [['2026-07-04T12:00:00Z', 'On', '1st'], ['2027-07-04T12:00:00Z', 'On', '2nd'], ['2028-07-04T12:00:00Z', 'Off', 'count 2 reached'], ['2027-07-05T12:00:00Z', 'Off', '']])).toEqual([]);
  });

  it('weekly interval counts weeks starting on the assumed week start', () => {
    // startDate Sunday 2026-11-29, every 2 weeks on Sunday and Monday. With weeks starting Monday,
    // Mon Nov 30 is in the NEXT week (skipped); Mon Dec 7 and Sun Dec 13 are in the kept week.
    const s = inUtc(time({ frequency: 'Weekly', interval: 2, startDate: '2026-11-29', byDay: [{ dayOfWeek: 'Sunday' }, { dayOfWeek: 'Monday' }], isAllDay: true }));
    const expected = EVO_ASSUMPTIONS.scheduleWeekStart === 'Monday' ? ['On', 'Off', 'On', 'On'] : undefined;
    if (!expected) return;
    expect(['2026-11-29', '2026-11-30', '2026-12-07', '2026-12-13'].map((d) => stateAt(s, `${d}T12:00:00Z`))).toEqual(expected);
  });

  it('count numbers occurrences from startDate across bySetPosition periods', () => {
    // Last weekday of the month from 2026-01-01, 3 times: Jan 30, Feb 27, Mar 31.
    const weekdays = (['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const).map((dayOfWeek) => ({ dayOfWeek }));
    const s = inUtc(time({ frequency: 'Monthly', startDate: '2026-01-01', count: 3, byDay: weekdays, bySetPosition: [-1], isAllDay: true }));
    expect(mismatches(s, [['2026-03-31T12:00:00Z', 'On', '3rd'], ['2026-04-30T12:00:00Z', 'Off', 'would be 4th']])).toEqual([]);
  });

  it('frequency None: one day, a start..until range, or (no dates) every day', () => {
    expect(stateAt(inUtc(time({ frequency: 'None', startDate: '2026-11-24', isAllDay: true })), '2026-11-24T12:00:00Z')).toBe('On');
    expect(stateAt(inUtc(time({ frequency: 'None', startDate: '2026-11-24', isAllDay: true })), '2026-11-25T12:00:00Z')).toBe('Off');
    expect(stateAt(inUtc(time({ startDate: '2026-11-24T00:00:00', untilDate: '2026-11-26', isAllDay: true })), '2026-11-25T12:00:00Z')).toBe('On');
    expect(stateAt(inUtc(time({ frequency: 'None', startTime: '09:00', endTime: '10:00' })), '2031-01-01T09:30:00Z')).toBe('On');
  });

  it('sub-daily frequencies are read as daily windows; byDay/byMonth still limit Daily', () => {
    expect(stateAt(inUtc(time({ frequency: 'Hourly', startTime: '09:00', endTime: '10:00' })), '2026-11-24T09:30:00Z')).toBe('On');
    const decWeekends = inUtc(time({ frequency: 'Daily', byMonth: [12], byDay: [{ dayOfWeek: 'Saturday' }, { dayOfWeek: 'Sunday' }], isAllDay: true }));
    expect(mismatches(decWeekends, [['2026-12-05T12:00:00Z', 'On', 'Sat in Dec'], ['2026-12-07T12:00:00Z', 'Off', 'Mon'], ['2026-11-28T12:00:00Z', 'Off', 'Sat in Nov']])).toEqual([]);
  });

  it('accepts .NET day ordinals and any-case day names', () => {
    const s = inUtc(time({ frequency: 'Weekly', byDay: [{ dayOfWeek: 'tuesday' as never }, { dayOfWeek: 0 as never }], isAllDay: true }));
    expect(mismatches(s, [['2026-11-24T12:00:00Z', 'On', 'Tue'], ['2026-11-29T12:00:00Z', 'On', 'Sun = 0'], ['2026-11-25T12:00:00Z', 'Off', 'Wed']])).toEqual([]);
  });
});

describe('DST change days (wall-clock windows)', () => {
  it('spring forward 2026-03-08 in New York: skipped wall times never occur', () => {
    const inGap = inNewYork(time({ frequency: 'Daily', startTime: '02:00', endTime: '02:30' }));
    expect(
      mismatches(inGap, [
        ['2026-03-08T01:59:00-05:00', 'Off', '01:59 EST'],
        ['2026-03-08T03:00:00-04:00', 'Off', 'next instant is 03:00 EDT: window empty that day'],
        ['2026-03-09T02:15:00-04:00', 'On', 'normal next day'],
      ]),
    ).toEqual([]);
    const acrossGap = inNewYork(time({ frequency: 'Daily', startTime: '02:00', endTime: '04:00' }));
    expect(
      mismatches(acrossGap, [
        ['2026-03-08T01:59:00-05:00', 'Off', '01:59 EST'],
        ['2026-03-08T03:00:00-04:00', 'On', 'starts at the first instant after the gap'],
        ['2026-03-08T03:59:00-04:00', 'On', ''],
        ['2026-03-08T04:00:00-04:00', 'Off', 'ends at 04:00 EDT (1 real hour that day)'],
      ]),
    ).toEqual([]);
  });

  it('spring forward: a night window across the change keeps its wall times', () => {
    const s = inNewYork(time({ frequency: 'Weekly', byDay: [{ dayOfWeek: 'Saturday' }], startTime: '22:00', endTime: '06:00' }));
    expect(
      mismatches(s, [
        ['2026-03-07T22:00:00-05:00', 'On', 'Sat 22:00 EST (03:00Z)'],
        ['2026-03-08T05:59:00-04:00', 'On', 'Sun 05:59 EDT'],
        ['2026-03-08T06:00:00-04:00', 'Off', 'Sun 06:00 EDT (10:00Z): 7 real hours in all'],
      ]),
    ).toEqual([]);
  });

  it('fall back 2026-11-01 in New York: a repeated wall time matches both times', () => {
    const s = inNewYork(time({ frequency: 'Daily', startTime: '01:00', endTime: '02:00' }));
    expect(
      mismatches(s, [
        ['2026-11-01T00:59:00-04:00', 'Off', '00:59 EDT'],
        ['2026-11-01T01:30:00-04:00', 'On', 'first 01:30 (EDT, 05:30Z)'],
        ['2026-11-01T01:30:00-05:00', 'On', 'second 01:30 (EST, 06:30Z)'],
        ['2026-11-01T02:00:00-05:00', 'Off', '02:00 EST (07:00Z)'],
      ]),
    ).toEqual([]);
  });

  it('Europe/London 2026-03-29: 01:00 GMT jumps to 02:00 BST', () => {
    const s: Schedule = { timeZoneId: 'Europe/London', defaultState: 'Off', rules: [time({ frequency: 'Daily', startTime: '01:00', endTime: '03:00' })] };
    expect(
      mismatches(s, [
        ['2026-03-29T00:59:00Z', 'Off', '00:59 GMT'],
        ['2026-03-29T01:00:00Z', 'On', 'first instant after the gap is 02:00 BST'],
        ['2026-03-29T01:59:00Z', 'On', '02:59 BST'],
        ['2026-03-29T02:00:00Z', 'Off', '03:00 BST'],
      ]),
    ).toEqual([]);
  });

  it('all-day rules follow the local date on DST days', () => {
    const s = inNewYork(time({ frequency: 'None', startDate: '2026-11-01', isAllDay: true }));
    expect(
      mismatches(s, [
        ['2026-10-31T23:59:00-04:00', 'Off', 'Oct 31 local'],
        ['2026-11-01T00:00:00-04:00', 'On', 'Nov 1 starts (04:00Z)'],
        ['2026-11-01T23:59:00-05:00', 'On', 'Nov 1 ends at 05:00Z next day (25-hour day)'],
        ['2026-11-02T00:00:00-05:00', 'Off', ''],
      ]),
    ).toEqual([]);
  });
});

describe('time zones in evaluation', () => {
  it('unknown zone ids fall back to the default zone, are flagged, and are echoed as given', () => {
    const s: Schedule = { timeZoneId: 'Mars/Olympus_Mons', defaultState: 'Off', rules: [time({ startTime: '08:00', endTime: '17:00' })] };
    const r = evaluateSchedule(s, new Date('2026-11-24T08:00:00Z'));
    expect(r).toMatchObject({ timeZoneId: 'Mars/Olympus_Mons', zone: EVO_ASSUMPTIONS.defaultTimeZone, zoneRecognised: false });
    expect(r.stateName).toBe(EVO_ASSUMPTIONS.defaultTimeZone === 'UTC' ? 'On' : r.stateName);
  });

  it('Windows names evaluate in their IANA zone', () => {
    const s: Schedule = { timeZoneId: 'AUS Eastern Standard Time', defaultState: 'Off', rules: [time({ startTime: '09:00', endTime: '10:00' })] };
    expect(mismatches(s, [['2026-11-24T09:30:00+11:00', 'On', '09:30 AEDT'], ['2026-11-24T09:30:00Z', 'Off', '20:30 AEDT']])).toEqual([]);
  });

  it('rejects an invalid Date', () => {
    expect(() => evaluateSchedule(inUtc(), new Date('nonsense'))).toThrow(RangeError);
  });
});
