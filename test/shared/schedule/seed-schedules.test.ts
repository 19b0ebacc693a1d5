/* Every seeded schedule at hand-picked instants. Expected states were worked out by hand from the
 * calendar (2026-11-24 is a Tuesday, Thanksgiving 2026-11-26, US DST 2026-03-08 / 2026-11-01,
 * UK 2026-03-29, Sydney 2026-04-05 / 2026-10-04) and the offsets in each instant are the real local
 * offsets at that moment, so a wrong zone or DST handling shows up as a wrong state. */
import { describe, expect, it } from 'vitest';
import { SEED_SCHEDULES } from '../../../sandbox/seed/schedules';
import { ScheduleSchema } from '../../../src/shared/evo/schemas';
import { EVO_ASSUMPTIONS } from '../../../src/shared/evo/assumptions';
import { evaluateSchedule, resolveTimeZone } from '../../../src/shared/schedule';
import { mismatches, seed } from './helpers';

describe('seed data', () => {
  it('has unique keys, unique non-empty rule ids and valid wire shapes', () => {
    const keys = SEED_SCHEDULES.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = SEED_SCHEDULES.flatMap((s) => (s.schedule.rules ?? []).map((r) => r.id));
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { schedule } of SEED_SCHEDULES) expect(ScheduleSchema.safeParse(schedule).success).toBe(true);
  });

  it('covers the cases the sandbox promises', () => {
    const all = SEED_SCHEDULES.map((s) => s.schedule);
    expect(all.some((s) => s.forceClosed)).toBe(true);
    expect(all.some((s) => s.inherit && (s.rules ?? []).length === 0)).toBe(true);
    const zones = all.map((s) => s.timeZoneId);
    for (const z of ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific Standard Time']) expect(zones).toContain(z);
  });

  it('uses only time zones we recognise', () => {
    for (const { key, schedule } of SEED_SCHEDULES) expect(resolveTimeZone(schedule.timeZoneId).recognised, key).toBe(true);
  });
});

describe('business-hours-new-york', () => {
  const s = seed('business-hours-new-york');

  it('opens weekdays 08:00–17:00 with lunch 12:00–13:00 (end exclusive)', () => {
    expect(
      mismatches(s, [
        ['2026-11-24T07:59:00-05:00', 'Closed', 'Tue before opening'],
        ['2026-11-24T08:00:00-05:00', 'Open', 'Tue opening minute'],
        ['2026-11-24T11:59:59-05:00', 'Open', 'just before lunch'],
        ['2026-11-24T12:00:00-05:00', 'Lunch', 'lunch starts'],
        ['2026-11-24T12:59:00-05:00', 'Lunch', 'last lunch minute'],
        ['2026-11-24T13:00:00-05:00', 'Open', 'lunch over'],
        ['2026-11-24T16:59:00-05:00', 'Open', 'last open minute'],
        ['2026-11-24T17:00:00-05:00', 'Closed', 'end is exclusive'],
        ['2026-11-28T10:00:00-05:00', 'Closed', 'Saturday'],
        ['2026-11-29T10:00:00-05:00', 'Closed', 'Sunday'],
      ]),
    ).toEqual([]);
  });

  it('holidays win over opening hours, all day, also at weekends', () => {
    expect(
      mismatches(s, [
        ['2026-12-25T10:00:00-05:00', 'Holiday', 'Christmas (a Friday)'],
        ['2026-12-25T00:00:00-05:00', 'Holiday', 'Christmas starts at local midnight'],
        ['2026-12-24T23:59:00-05:00', 'Closed', 'Christmas Eve night'],
        ['2026-12-26T00:00:00-05:00', 'Closed', 'Christmas over'],
        ['2027-01-01T12:30:00-05:00', 'Holiday', "New Year's Day during lunch"],
        ['2026-07-04T10:00:00-04:00', 'Holiday', 'Independence Day on a Saturday'],
        ['2026-07-03T10:00:00-04:00', 'Open', 'no observed-day substitution'],
        ['2026-11-26T10:00:00-05:00', 'Holiday', 'Thanksgiving, 4th Thursday of November'],
        ['2026-11-19T10:00:00-05:00', 'Open', '3rd Thursday is a normal day'],
      ]),
    ).toEqual([]);
  });

  it('follows the US spring-forward change (2026-03-08): the same wall times, a new offset', () => {
    expect(
      mismatches(s, [
        ['2026-03-06T07:59:00-05:00', 'Closed', 'Fri before the change, EST'],
        ['2026-03-06T08:00:00-05:00', 'Open', 'Fri before the change, EST'],
        ['2026-03-09T07:59:00-04:00', 'Closed', 'Mon after the change, EDT'],
        ['2026-03-09T08:00:00-04:00', 'Open', 'Mon after the change, EDT (12:00Z)'],
        ['2026-03-09T16:59:00-04:00', 'Open', 'Mon last open minute'],
        ['2026-03-09T17:00:00-04:00', 'Closed', 'Mon closing (21:00Z)'],
      ]),
    ).toEqual([]);
  });

  it('follows the US fall-back change (2026-11-01)', () => {
    expect(
      mismatches(s, [
        ['2026-10-30T08:00:00-04:00', 'Open', 'Fri before the change, EDT (12:00Z)'],
        ['2026-11-02T12:30:00Z', 'Closed', 'Mon after the change: 07:30 EST'],
        ['2026-11-02T13:00:00Z', 'Open', 'Mon after the change: 08:00 EST'],
        ['2026-11-02T17:30:00Z', 'Lunch', 'Mon 12:30 EST'],
      ]),
    ).toEqual([]);
  });
});

describe('always-open', () => {
  it('is open at any instant, by its Always rule', () => {
    const s = seed('always-open');
    for (const iso of ['2026-12-25T03:00:00Z', '2026-03-08T08:30:00Z', '2026-07-04T23:59:00Z']) {
      const r = evaluateSchedule(s, new Date(iso));
      expect(r.stateName).toBe('Open');
      expect(r.matchedRule?.id).toBe('always-open-rule');
    }
  });
});

describe('london-office', () => {
  const s = seed('london-office');

  it('opens 09:00–17:30 local, before and after the BST change (2026-03-29)', () => {
    expect(
      mismatches(s, [
        ['2026-03-27T08:59:00Z', 'Closed', 'Fri, GMT = UTC'],
        ['2026-03-27T09:00:00Z', 'Open', 'Fri 09:00 GMT'],
        ['2026-03-27T17:29:00Z', 'Open', 'Fri 17:29 GMT'],
        ['2026-03-27T17:30:00Z', 'Closed', 'Fri 17:30 GMT'],
        ['2026-03-30T07:59:00Z', 'Closed', 'Mon 08:59 BST'],
        ['2026-03-30T08:00:00Z', 'Open', 'Mon 09:00 BST'],
        ['2026-03-30T16:29:00Z', 'Open', 'Mon 17:29 BST'],
        ['2026-03-30T16:30:00Z', 'Closed', 'Mon 17:30 BST'],
        ['2026-03-29T10:00:00+01:00', 'Closed', 'the change day is a Sunday'],
      ]),
    ).toEqual([]);
  });

  it('closes for Christmas and Boxing Day only', () => {
    expect(
      mismatches(s, [
        ['2026-12-25T10:00:00Z', 'Holiday', 'Christmas (Fri)'],
        ['2026-12-26T10:00:00Z', 'Holiday', 'Boxing Day (Sat)'],
        ['2026-12-28T10:00:00Z', 'Open', 'Mon: no substitute day'],
        ['2026-12-24T10:00:00Z', 'Open', 'Christmas Eve (Thu)'],
      ]),
    ).toEqual([]);
  });
});

describe('sydney-support', () => {
  const s = seed('sydney-support');

  it('follows the end of daylight saving (2026-04-05, +11 → +10)', () => {
    expect(
      mismatches(s, [
        ['2026-04-03T08:30:00+11:00', 'Business Hours', 'Fri 08:30 AEDT (Thu 21:30Z)'],
        ['2026-04-03T08:29:00+11:00', 'After Hours', 'Fri 08:29 AEDT'],
        ['2026-04-05T21:30:00Z', 'After Hours', 'Mon 07:30 AEST (would be 08:30 with the old offset)'],
        ['2026-04-05T22:30:00Z', 'Business Hours', 'Mon 08:30 AEST'],
        ['2026-04-06T16:59:00+10:00', 'Business Hours', 'Mon 16:59 AEST'],
        ['2026-04-06T17:00:00+10:00', 'After Hours', 'Mon 17:00 AEST'],
      ]),
    ).toEqual([]);
  });

  it('follows the start of daylight saving (2026-10-04, +10 → +11) and opens Saturday mornings', () => {
    expect(
      mismatches(s, [
        ['2026-10-03T09:00:00+10:00', 'Business Hours', 'Sat 09:00 AEST'],
        ['2026-10-03T12:00:00+10:00', 'After Hours', 'Sat 12:00 AEST'],
        ['2026-10-04T10:00:00+11:00', 'After Hours', 'the change day is a Sunday'],
        ['2026-10-04T21:00:00Z', 'After Hours', 'Mon 08:00 AEDT'],
        ['2026-10-04T21:30:00Z', 'Business Hours', 'Mon 08:30 AEDT (would be 07:30 with the old offset)'],
      ]),
    ).toEqual([]);
  });
});

describe('kolkata-night-shift', () => {
  const s = seed('kolkata-night-shift');

  it('runs the night shift across midnight, owned by the weekday it starts on', () => {
    expect(
      mismatches(s, [
        ['2026-11-24T21:59:00+05:30', 'Closed', 'Tue evening gap'],
        ['2026-11-24T22:00:00+05:30', 'Night Shift', 'Tue night starts'],
        ['2026-11-25T03:00:00+05:30', 'Night Shift', 'Wed early morning = Tue night'],
        ['2026-11-25T05:59:00+05:30', 'Night Shift', 'last minute'],
        ['2026-11-25T06:00:00+05:30', 'Closed', 'end is exclusive'],
        ['2026-11-28T05:59:00+05:30', 'Night Shift', 'Sat early morning = Fri night'],
        ['2026-11-28T22:00:00+05:30', 'Closed', 'no Saturday night shift'],
        ['2026-11-30T03:00:00+05:30', 'Closed', 'Mon early morning = Sun night: none'],
        ['2026-11-24T03:00:00+05:30', 'Night Shift', 'Tue early morning = Mon night'],
        ['2026-11-24T09:00:00+05:30', 'Open', 'day shift'],
        ['2026-11-24T17:59:00+05:30', 'Open', 'day shift last minute'],
        ['2026-11-24T18:00:00+05:30', 'Closed', 'day shift over'],
      ]),
    ).toEqual([]);
  });
});

describe('pacific-windows-zone', () => {
  const s = seed('pacific-windows-zone');

  it('reads the Windows zone name and echoes it as given', () => {
    const r = evaluateSchedule(s, new Date('2026-12-14T17:30:00Z'));
    expect(r.timeZoneId).toBe('Pacific Standard Time');
    expect(r.zone).toBe('America/Los_Angeles');
    expect(r.zoneRecognised).toBe(true);
  });

  it('holds maintenance on the 2nd Monday of each month', () => {
    expect(
      mismatches(s, [
        ['2026-12-14T09:30:00-08:00', 'Maintenance', '2nd Monday of Dec (7th, 14th)'],
        ['2026-12-07T09:30:00-08:00', 'Open', '1st Monday'],
        ['2026-12-21T09:30:00-08:00', 'Open', '3rd Monday'],
        ['2026-12-14T10:00:00-08:00', 'Open', 'window over'],
        ['2026-02-09T09:15:00-08:00', 'Maintenance', '2nd Monday of Feb (2nd, 9th)'],
        ['2026-06-08T09:00:00-07:00', 'Maintenance', '2nd Monday of Jun (1st, 8th), PDT'],
      ]),
    ).toEqual([]);
  });

  it('closes early on the last Friday of each month', () => {
    expect(
      mismatches(s, [
        ['2026-11-27T15:30:00-08:00', 'Closed', 'last Friday of Nov'],
        ['2026-11-27T14:59:00-08:00', 'Open', 'before the early close'],
        ['2026-11-20T15:30:00-08:00', 'Open', 'not the last Friday'],
        ['2026-01-30T15:00:00-08:00', 'Closed', 'last Friday of Jan'],
        ['2026-05-29T16:00:00-07:00', 'Closed', 'last Friday of May (31st is a Sunday)'],
        ['2026-11-27T19:00:00-08:00', 'After Hours', 'after 19:00'],
      ]),
    ).toEqual([]);
  });
});

describe('seasonal-denver (count, interval, until, date range)', () => {
  const s = seed('seasonal-denver');

  it('trains every 2nd Wednesday from 2026-01-07, 6 times', () => {
    expect(
      mismatches(s, [
        ['2026-01-07T14:00:00-07:00', 'Training', '1st'],
        ['2026-01-14T14:00:00-07:00', 'Open', 'off week'],
        ['2026-01-21T15:59:00-07:00', 'Training', '2nd, last minute'],
        ['2026-03-04T14:00:00-07:00', 'Training', '5th'],
        ['2026-03-18T15:00:00-06:00', 'Training', '6th, after the DST change'],
        ['2026-04-01T15:00:00-06:00', 'Open', 'would be the 7th: count exhausted'],
        ['2025-12-24T14:00:00-07:00', 'Open', 'before startDate'],
      ]),
    ).toEqual([]);
  });

  it('opens late every day 2026-03-02..2026-03-31, until inclusive', () => {
    expect(
      mismatches(s, [
        ['2026-03-01T18:00:00-07:00', 'Closed', 'day before startDate (Sun)'],
        ['2026-03-02T18:00:00-07:00', 'Extended Hours', 'startDate, a Monday'],
        ['2026-03-10T17:59:00-06:00', 'Open', 'Tue shop hours'],
        ['2026-03-10T18:00:00-06:00', 'Extended Hours', 'Tue late opening'],
        ['2026-03-31T20:59:00-06:00', 'Extended Hours', 'untilDate is inclusive'],
        ['2026-04-01T18:00:00-06:00', 'Closed', 'after untilDate'],
      ]),
    ).toEqual([]);
  });

  it('takes a New Year break 2027-01-01..2027-01-03 (frequency None with a range)', () => {
    expect(
      mismatches(s, [
        ['2027-01-02T12:00:00-07:00', 'Holiday', 'Sat inside the range'],
        ['2027-01-03T23:59:00-07:00', 'Holiday', 'last minute of untilDate'],
        ['2027-01-04T00:00:00-07:00', 'Closed', 'Mon after the range'],
        ['2027-01-05T12:00:00-07:00', 'Open', 'Tue, normal hours'],
        ['2026-12-31T12:00:00-07:00', 'Open', 'before the range (Thu)'],
      ]),
    ).toEqual([]);
  });
});

describe('force-closed', () => {
  it('yields the force-closed state whatever the rules say', () => {
    const r = evaluateSchedule(seed('force-closed'), new Date('2026-11-24T10:00:00-05:00'));
    expect(r.stateName).toBe(EVO_ASSUMPTIONS.forceClosedStateName);
    expect(r.decidedBy).toBe('forceClosed');
    expect(r.matchedRule).toBeUndefined();
    expect(r.timeZoneId).toBe('America/New_York');
  });
});

describe('inherits-parent', () => {
  it('evaluates as given (callers resolve inheritance): no rules, fallback state, default zone', () => {
    const r = evaluateSchedule(seed('inherits-parent'), new Date('2026-11-24T15:00:00Z'));
    expect(r.stateName).toBe(EVO_ASSUMPTIONS.scheduleFallbackState);
    expect(r.decidedBy).toBe('default');
    expect(r.timeZoneId).toBe(EVO_ASSUMPTIONS.defaultTimeZone);
  });
});

describe('customer-state-override', () => {
  it('ignores the CustomerState rule in a pure evaluation and keeps office hours (GMT Standard Time)', () => {
    const s = seed('customer-state-override');
    expect(
      mismatches(s, [
        ['2026-11-24T09:00:00Z', 'Open', 'Tue 09:00 GMT'],
        ['2026-11-24T17:00:00Z', 'Closed', 'Tue 17:00 GMT'],
        ['2026-06-02T08:30:00Z', 'Open', 'Tue 09:30 BST'],
        ['2026-06-02T16:30:00Z', 'Closed', 'Tue 17:30 BST'],
      ]),
    ).toEqual([]);
    expect(evaluateSchedule(s, new Date('2026-11-24T10:00:00Z')).zone).toBe('Europe/London');
  });
});
