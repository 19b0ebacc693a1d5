/* Realistic schedules the sandbox seeds onto customers. Each covers a case the console must show
 * and the evaluator must get right (see test/shared/schedule/seed-schedules.test.ts for the
 * hand-computed expectations). Rule ids are stable so tests and screenshots can refer to them.
 * Priorities: lower number wins (EVO_ASSUMPTIONS.lowerPriorityWins), so holidays get small numbers. */
import type { DayOfWeek, Schedule, ScheduleDay, SchedulingRule } from '../wire';

const WEEKDAYS: DayOfWeek[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

function days(names: DayOfWeek[], offset = 0): ScheduleDay[] {
  return names.map((dayOfWeek) => ({ dayOfWeek, offset }));
}

function weekly(id: string, priority: number, state: string, on: DayOfWeek[], startTime: string, endTime: string, name = state): SchedulingRule {
  return { id, name, priority, state, simpleRuleType: 'Time', frequency: 'Weekly', interval: 1, byDay: days(on), startTime, endTime, isAllDay: false };
}

function yearlyDate(id: string, priority: number, state: string, month: number, dayOfMonth: number, name: string): SchedulingRule {
  return { id, name, priority, state, simpleRuleType: 'Time', frequency: 'Yearly', interval: 1, byMonth: [month], byMonthDay: [dayOfMonth], isAllDay: true };
}

export const SEED_SCHEDULES: { key: string; schedule: Schedule }[] = [
  {
    // Classic US office: holidays first, lunch inside opening hours, closed otherwise.
    key: 'business-hours-new-york',
    schedule: {
      timeZoneId: 'America/New_York',
      inherit: false,
      forceClosed: false,
      defaultState: 'Closed',
      rules: [
        yearlyDate('ny-christmas', 1, 'Holiday', 12, 25, 'Christmas Day'),
        yearlyDate('ny-new-year', 2, 'Holiday', 1, 1, "New Year's Day"),
        yearlyDate('ny-independence', 3, 'Holiday', 7, 4, 'Independence Day'),
        {
          id: 'ny-thanksgiving', name: 'Thanksgiving', priority: 4, state: 'Holiday', simpleRuleType: 'Time',
          frequency: 'Yearly', interval: 1, byMonth: [11], byDay: [{ dayOfWeek: 'Thursday', offset: 4 }], isAllDay: true,
        },
        weekly('ny-lunch', 10, 'Lunch', WEEKDAYS, '12:00', '13:00', 'Lunch break'),
        weekly('ny-open', 20, 'Open', WEEKDAYS, '08:00', '17:00', 'Business hours'),
      ],
    },
  },
  {
    // Answering service: always open.
    key: 'always-open',
    schedule: {
      timeZoneId: 'America/Chicago',
      inherit: false,
      forceClosed: false,
      defaultState: 'Open',
      rules: [{ id: 'always-open-rule', name: '24/7', priority: 1, state: 'Open', simpleRuleType: 'Always' }],
    },
  },
  {
    // UK office (BST/GMT changes on 2026-03-29 and 2026-10-25), Christmas and Boxing Day closed.
    key: 'london-office',
    schedule: {
      timeZoneId: 'Europe/London',
      inherit: false,
      forceClosed: false,
      defaultState: 'Closed',
      rules: [
        {
          id: 'ldn-christmas', name: 'Christmas and Boxing Day', priority: 1, state: 'Holiday', simpleRuleType: 'Time',
          frequency: 'Yearly', interval: 1, byMonth: [12], byMonthDay: [25, 26], isAllDay: true,
        },
        weekly('ldn-open', 10, 'Open', WEEKDAYS, '09:00', '17:30', 'Office hours'),
      ],
    },
  },
  {
    // Australian support desk with Evo's stock state names and Saturday morning hours.
    key: 'sydney-support',
    schedule: {
      timeZoneId: 'Australia/Sydney',
      inherit: false,
      forceClosed: false,
      defaultState: 'After Hours',
      rules: [
        weekly('syd-weekdays', 10, 'Business Hours', WEEKDAYS, '08:30', '17:00', 'Weekdays'),
        weekly('syd-saturday', 11, 'Business Hours', ['Saturday'], '09:00', '12:00', 'Saturday morning'),
      ],
    },
  },
  {
    // Indian contact centre with a night shift across midnight (Mon–Fri nights, ending Sat 06:00).
    key: 'kolkata-night-shift',
    schedule: {
      timeZoneId: 'Asia/Kolkata',
      inherit: false,
      forceClosed: false,
      defaultState: 'Closed',
      rules: [
        weekly('kol-night', 10, 'Night Shift', WEEKDAYS, '22:00', '06:00', 'Night shift'),
        weekly('kol-day', 20, 'Open', WEEKDAYS, '09:00', '18:00', 'Day shift'),
      ],
    },
  },
  {
    // West-coast office stored with a Windows zone name; monthly maintenance and early close.
    key: 'pacific-windows-zone',
    schedule: {
      timeZoneId: 'Pacific Standard Time',
      inherit: false,
      forceClosed: false,
      defaultState: 'After Hours',
      rules: [
        {
          id: 'pst-maintenance', name: 'Maintenance window', priority: 1, state: 'Maintenance', simpleRuleType: 'Time',
          frequency: 'Monthly', interval: 1, byDay: [{ dayOfWeek: 'Monday', offset: 2 }], startTime: '09:00', endTime: '10:00',
        },
        {
          id: 'pst-early-close', name: 'Last Friday early close', priority: 2, state: 'Closed', simpleRuleType: 'Time',
          frequency: 'Monthly', interval: 1, byDay: [{ dayOfWeek: 'Friday', offset: -1 }], startTime: '15:00', endTime: '19:00',
        },
        weekly('pst-open', 10, 'Open', WEEKDAYS, '07:00', '19:00', 'Business hours'),
      ],
    },
  },
  {
    // Seasonal shop (Windows zone name): count, until, interval and a date range.
    key: 'seasonal-denver',
    schedule: {
      timeZoneId: 'Mountain Standard Time',
      inherit: false,
      forceClosed: false,
      defaultState: 'Closed',
      rules: [
        {
          id: 'den-new-year-break', name: 'New Year break', priority: 1, state: 'Holiday', simpleRuleType: 'Time',
          frequency: 'None', startDate: '2027-01-01', untilDate: '2027-01-03', isAllDay: true,
        },
        {
          id: 'den-training', name: 'Fortnightly training', priority: 2, state: 'Training', simpleRuleType: 'Time',
          frequency: 'Weekly', interval: 2, startDate: '2026-01-07', count: 6, byDay: days(['Wednesday']), startTime: '14:00', endTime: '16:00',
        },
        {
          id: 'den-spring-late', name: 'Spring late opening', priority: 3, state: 'Extended Hours', simpleRuleType: 'Time',
          frequency: 'Daily', interval: 1, startDate: '2026-03-02', untilDate: '2026-03-31', startTime: '18:00', endTime: '21:00',
        },
        weekly('den-open', 10, 'Open', ['Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'], '10:00', '18:00', 'Shop hours'),
      ],
    },
  },
  {
    // Emergency closure: rules are kept but force-closed overrides them.
    key: 'force-closed',
    schedule: {
      timeZoneId: 'America/New_York',
      inherit: false,
      forceClosed: true,
      defaultState: 'Open',
      rules: [weekly('fc-open', 10, 'Open', WEEKDAYS, '08:00', '17:00', 'Business hours')],
    },
  },
  {
    // Irish office (Windows zone name, Europe/London rules) with an emergency override keyed on the customer's state;
    // a pure evaluation (TestSchedule in the sandbox) has no customer state, so it never fires there.
    key: 'customer-state-override',
    schedule: {
      timeZoneId: 'GMT Standard Time',
      inherit: false,
      forceClosed: false,
      defaultState: 'Closed',
      rules: [
        { id: 'gmt-emergency', name: 'Emergency override', priority: 1, state: 'Emergency', simpleRuleType: 'CustomerState', customerState: 'Emergency' },
        weekly('gmt-open', 10, 'Open', WEEKDAYS, '09:00', '17:00', 'Office hours'),
      ],
    },
  },
  {
    // Uses the parent's schedule (GetInheritedSchedule); nothing of its own.
    key: 'inherits-parent',
    schedule: { inherit: true, forceClosed: false, rules: [] },
  },
];
