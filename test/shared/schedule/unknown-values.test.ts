/* Schedules with values this console does not know: such rules never match here, and an answer
 * they could have changed says so (doubts) instead of passing for certain. */
import { describe, expect, it } from 'vitest';
import { SchedulingRuleSchema, type Schedule, type SchedulingRule } from '../../../src/shared/evo/schemas';
import { SET_ASIDE_MEMBER } from '../../../src/shared/evo/tolerant';
import { describeRule, evaluateSchedule, weekGrid } from '../../../src/shared/schedule';

const inUtc = (...rules: SchedulingRule[]): Schedule => ({ timeZoneId: 'UTC', defaultState: 'Off', rules });
// 2026-06-01 is a Monday.
const MONDAY_NOON = new Date('2026-06-01T12:00:00Z');
const TUESDAY_NOON = new Date('2026-06-02T12:00:00Z');

describe('rules of a type this console does not know', () => {
  const unknown: SchedulingRule = { priority: 1, simpleRuleType: 'PublicHoliday', state: 'Holiday' };

  it('never match, and make the answer doubtful when they come before the decision', () => {
    const result = evaluateSchedule(inUtc(unknown, { priority: 2, simpleRuleType: 'Always', state: 'Open' }), MONDAY_NOON);
    expect(result).toMatchObject({ stateName: 'Open', decidedBy: 'rule' });
    expect(result.doubts).toEqual(['a rule of a type this console does not know (PublicHoliday)']);
  });

  it('do not matter after the decision', () => {
    const result = evaluateSchedule(inUtc({ priority: 0, simpleRuleType: 'Always', state: 'Open' }, unknown), MONDAY_NOON);
    expect(result).toMatchObject({ stateName: 'Open', doubts: [] });
  });

  it('are described as such in the rule list', () => {
    expect(describeRule(unknown)).toBe('A rule of a type this console does not know: PublicHoliday (Holiday; not applied in the week picture)');
  });

  it('mark the week picture as possibly incomplete', () => {
    const grid = weekGrid(inUtc(unknown), '2026-06-01', 60);
    expect(grid.doubts).toEqual(['a rule of a type this console does not know (PublicHoliday)']);
    expect(weekGrid(inUtc({ simpleRuleType: 'Always', state: 'Open' }), '2026-06-01', 60).doubts).toEqual([]);
  });
});

describe('frequencies and days this console does not know', () => {
  it('an unknown frequency never matches and is named', () => {
    const result = evaluateSchedule(inUtc({ simpleRuleType: 'Time', state: 'On', frequency: 'Fortnightly', isAllDay: true }), MONDAY_NOON);
    expect(result).toMatchObject({ stateName: 'Off', doubts: ['a rule with a frequency this console does not know (Fortnightly)'] });
    expect(describeRule({ simpleRuleType: 'Time', state: 'On', frequency: 'Fortnightly', isAllDay: true })).toMatch(/^Repeats "Fortnightly" \(a frequency this console does not know\)/);
  });

  it('.NET day numbers work (Sunday = 0); an unknown day is left out without widening the rule to every day', () => {
    // As the server may send it: the .NET ordinal, read as the day's name.
    const monday = SchedulingRuleSchema.parse({ simpleRuleType: 'Time', state: 'On', frequency: 'Weekly', isAllDay: true, byDay: [{ offset: 0, dayOfWeek: 1 }] });
    expect(monday.byDay).toEqual([{ offset: 0, dayOfWeek: 'Monday' }]);
    expect(evaluateSchedule(inUtc(monday), MONDAY_NOON)).toMatchObject({ stateName: 'On', doubts: [] });
    const mixed: SchedulingRule = { ...monday, byDay: [{ offset: 0, dayOfWeek: 'Monday' }, { offset: 0, dayOfWeek: 'Caturday' }] };
    expect(evaluateSchedule(inUtc(mixed), MONDAY_NOON).stateName).toBe('On');
    const onlyUnknown: SchedulingRule = { ...monday, startDate: '2026-01-05', byDay: [{ offset: 0, dayOfWeek: 'Caturday' }] };
    const tuesday = evaluateSchedule(inUtc(onlyUnknown), TUESDAY_NOON);
    expect(tuesday).toMatchObject({ stateName: 'Off', doubts: ['a rule with a day this console does not know (Caturday)'] });
    expect(evaluateSchedule(inUtc(onlyUnknown), MONDAY_NOON).stateName).toBe('Off'); // not its start weekday either
  });
});

describe('rules set aside when the schedule was received', () => {
  it('could have been anywhere in the order: every answer is doubtful', () => {
    const schedule = { ...inUtc({ simpleRuleType: 'Always', state: 'Open' }), [SET_ASIDE_MEMBER]: [{ field: 'rules[0]', problem: 'expected object (got string)' }] };
    expect(evaluateSchedule(schedule, MONDAY_NOON)).toMatchObject({ stateName: 'Open', doubts: ['a rule that could not be read'] });
  });
});
