import { describe, expect, it } from 'vitest';
import { EVO_ASSUMPTIONS } from '../../../src/shared/evo/assumptions';
import { evaluateSchedule, formatInScheduleZone, parseScheduleDateTime, resolveTimeZone } from '../../../src/shared/schedule';
import { seed } from './helpers';

describe('parseScheduleDateTime', () => {
  const ny = seed('business-hours-new-york');

  it('takes instants with Z or an offset as they are', () => {
    expect(parseScheduleDateTime('2026-11-24T14:00:00Z', ny)?.toISOString()).toBe('2026-11-24T14:00:00.000Z');
    expect(parseScheduleDateTime('2026-11-24T09:00:00+05:30', ny)?.toISOString()).toBe('2026-11-24T03:30:00.000Z');
  });

  it('reads times without an offset in the schedule zone (per assumptions)', () => {
    const expected = EVO_ASSUMPTIONS.scheduleDateTimeWithoutOffsetIn === 'schedule-zone' ? '2026-11-24T14:00:00.000Z' : '2026-11-24T09:00:00.000Z';
    expect(parseScheduleDateTime('2026-11-24T09:00', ny)?.toISOString()).toBe(expected);
    expect(parseScheduleDateTime('2026-07-04T09:00:00', ny)?.toISOString()).toBe(EVO_ASSUMPTIONS.scheduleDateTimeWithoutOffsetIn === 'schedule-zone' ? '2026-07-04T13:00:00.000Z' : '2026-07-04T09:00:00.000Z');
  });

  it('returns undefined for unreadable input', () => {
    for (const bad of ['', 'tomorrow', '2026-13-01T00:00', undefined, null]) expect(parseScheduleDateTime(bad, ny)).toBeUndefined();
  });
});

describe('formatInScheduleZone', () => {
  it('shows the wall time and zone abbreviation where the schedule is', () => {
    expect(formatInScheduleZone(new Date('2026-11-24T14:00:00Z'), seed('business-hours-new-york'))).toBe('2026-11-24 09:00 EST');
    expect(formatInScheduleZone(new Date('2026-07-04T14:00:00Z'), seed('business-hours-new-york'))).toBe('2026-07-04 10:00 EDT');
  });
});

describe('time zone id details', () => {
  it('matches Windows names case-insensitively and canonicalises IANA spelling', () => {
    expect(resolveTimeZone('eastern standard time')).toMatchObject({ zone: 'America/New_York', source: 'windows' });
    expect(resolveTimeZone('america/new_york')).toMatchObject({ zone: 'America/New_York', source: 'iana' });
  });

  it('echoes timeZoneId exactly as stored', () => {
    expect(evaluateSchedule({ timeZoneId: 'eastern standard time', rules: [] }, new Date()).timeZoneId).toBe('eastern standard time');
  });
});
