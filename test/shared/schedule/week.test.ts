import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/shared/evo/schemas';
import { agreesWithServer, evaluateSchedule, STATE_PALETTE, stateColor, weekGrid, weekStartOf } from '../../../src/shared/schedule';
import { seed } from './helpers';

describe('weekGrid', () => {
  const s = seed('business-hours-new-york');
  const grid = weekGrid(s, '2026-11-23');

  it('is 7 days × 24 hourly slots with local dates and labels', () => {
    expect(grid.zone).toBe('America/New_York');
    expect(grid.days.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(grid.days.map((d) => d.label)).toEqual(['Mon Nov 23', 'Tue Nov 24', 'Wed Nov 25', 'Thu Nov 26', 'Fri Nov 27', 'Sat Nov 28', 'Sun Nov 29']);
    for (const day of grid.days) expect(day.slots.map((x) => x.start)).toEqual(Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`));
  });

  it('shows the expected states (hand-read from the schedule) and lists them in order of appearance', () => {
    const monday = grid.days[0]!.slots.map((x) => x.stateName);
    expect(monday.slice(7, 18)).toEqual(['Closed', 'Open', 'Open', 'Open', 'Open', 'Lunch', 'Open', 'Open', 'Open', 'Open', 'Closed']);
    expect(new Set(grid.days[3]!.slots.map((x) => x.stateName))).toEqual(new Set(['Holiday'])); // Thanksgiving
    expect(new Set(grid.days[5]!.slots.map((x) => x.stateName))).toEqual(new Set(['Closed'])); // Saturday
    expect(grid.states).toEqual(['Closed', 'Open', 'Lunch', 'Holiday']);
  });

  it('agrees with evaluateSchedule at every slot start', () => {
    for (const day of grid.days) {
      for (const slot of day.slots) {
        const at = DateTime.fromISO(`${day.date}T${slot.start}`, { zone: 'America/New_York' }).toJSDate();
        expect(slot.stateName).toBe(evaluateSchedule(s, at).stateName);
      }
    }
  });

  it('supports other slot sizes and rejects bad input', () => {
    const half = weekGrid(s, '2026-11-23', 30);
    expect(half.days.every((d) => d.slots.length === 48)).toBe(true);
    expect(half.days[0]!.slots.find((x) => x.start === '12:30')?.stateName).toBe('Lunch');
    expect(() => weekGrid(s, '2026-11-23', 7)).toThrow(RangeError);
    expect(() => weekGrid(s, '23/11/2026')).toThrow(RangeError);
  });

  it('keeps 24 slots on DST days; a slot inside the spring-forward gap shows the state just after it', () => {
    const backup: Schedule = {
      timeZoneId: 'America/New_York',
      defaultState: 'Idle',
      rules: [{ simpleRuleType: 'Time', state: 'Backup', frequency: 'Daily', startTime: '02:00', endTime: '03:00' }],
    };
    const spring = weekGrid(backup, '2026-03-02');
    const sunday = spring.days[6]!;
    expect(sunday.date).toBe('2026-03-08');
    expect(sunday.slots).toHaveLength(24);
    expect(sunday.slots[2]).toEqual({ start: '02:00', stateName: 'Idle' }); // 02:00 does not exist; 03:00 EDT is Idle
    expect(spring.days[5]!.slots[2]!.stateName).toBe('Backup');
    const fall = weekGrid(backup, '2026-10-26');
    expect(fall.days[6]!.date).toBe('2026-11-01');
    expect(fall.days[6]!.slots).toHaveLength(24);
    expect(fall.days[6]!.slots[2]!.stateName).toBe('Backup');
  });

  it('uses the default zone for unknown zone ids', () => {
    expect(weekGrid({ timeZoneId: 'Nowhere/Special', rules: [] }, '2026-11-23').zone).toBe('UTC');
  });
});

describe('weekStartOf', () => {
  it('finds the local Monday in the schedule zone', () => {
    expect(weekStartOf(seed('business-hours-new-york'), new Date('2026-11-27T03:00:00Z'))).toBe('2026-11-23'); // Thu 22:00 EST
    expect(weekStartOf(seed('sydney-support'), new Date('2026-11-29T14:00:00Z'))).toBe('2026-11-30'); // Mon 01:00 AEDT
    expect(weekStartOf(seed('business-hours-new-york'), new Date('2026-11-30T04:59:00Z'))).toBe('2026-11-23'); // Sun 23:59 EST
  });
});

describe('stateColor', () => {
  it('is stable and case/space-insensitive', () => {
    expect(stateColor('Lunch')).toBe(stateColor('Lunch'));
    expect(stateColor(' lunch ')).toBe(stateColor('Lunch'));
    expect(stateColor('After  Hours')).toBe(stateColor('after hours'));
  });

  it('gives well-known states their meaning: open green, closed grey-blue, holiday orange', () => {
    expect(stateColor('Open')).toBe(stateColor('Business Hours'));
    expect(stateColor('Closed')).toBe(stateColor('After Hours'));
    expect(new Set([stateColor('Open'), stateColor('Closed'), stateColor('Holiday')]).size).toBe(3);
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return { r: r!, g: g!, b: b! };
    };
    const open = hue(stateColor('Open'));
    expect(open.g).toBeGreaterThan(open.r);
    expect(open.g).toBeGreaterThan(open.b);
    const holiday = hue(stateColor('Holiday'));
    expect(holiday.r).toBeGreaterThan(holiday.g);
    expect(holiday.g).toBeGreaterThan(holiday.b);
  });

  it('hashes other names onto the palette, spreading common custom names', () => {
    const names = ['Lunch', 'Night Shift', 'Maintenance', 'Training', 'Extended Hours', 'Emergency'];
    for (const n of names) expect(STATE_PALETTE).toContain(stateColor(n));
    expect(new Set(names.map(stateColor)).size).toBeGreaterThanOrEqual(4);
  });

  it('every colour has at least 4.5:1 contrast with white text (WCAG AA)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const c of [...STATE_PALETTE, stateColor('Open'), stateColor('Closed'), stateColor('Holiday')]) {
      expect((1.05 / (luminance(c) + 0.05)), c).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('agreesWithServer', () => {
  const s = seed('business-hours-new-york');
  const at = new Date('2026-11-24T10:00:00-05:00');

  it('compares our state with the server answer at the same instant', () => {
    expect(agreesWithServer(s, at, 'Open')).toBe(true);
    expect(agreesWithServer(s, at, ' open ')).toBe(true);
    expect(agreesWithServer(s, at, 'Closed')).toBe(false);
    expect(agreesWithServer(s, at, undefined)).toBe(false);
  });
});
