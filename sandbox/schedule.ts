/* TestSchedule on the server side. The evaluation itself is the one part the sandbox shares with the
 * console (src/shared/schedule, see README "Shared part"): the sandbox hands it schedules in its own
 * wire types (structurally compatible) after doing what only the server can do:
 *   - bind the schedule as ServiceStack binds a C# Schedule: keys case-insensitively, missing lists
 *     and value types at their constructor defaults, enum members by name (any case) or ordinal, an
 *     unknown member refused with 400 SerializationException (unknown properties are ignored);
 *   - know the customer's current state (CustomerState rules), which no CustomerInfo member carries;
 *   - with --drift, know what the enum members the newer server added mean. */
import { evaluateSchedule } from '../src/shared/schedule/evaluate';
import { parseScheduleDateTime } from '../src/shared/schedule/instant';
import { NEWER_SERVER } from './drift';
import { bindingFailed } from './errors';
import { bodyField, pascal } from './query';
import type { Schedule, ScheduleDay, SchedulingRule, TestScheduleResponse } from './wire';
import { DAYS_OF_WEEK, newSchedule, newSchedulingRule, RULE_FREQUENCIES, SIMPLE_RULE_TYPES } from './wire';

/** The enum members a server knows, in ordinal order. */
interface Vocabulary {
  ruleTypes: readonly string[];
  frequencies: readonly string[];
}

export function serverVocabulary(drift: boolean): Vocabulary {
  return drift
    ? { ruleTypes: [...SIMPLE_RULE_TYPES, NEWER_SERVER.ruleType], frequencies: [...RULE_FREQUENCIES, NEWER_SERVER.frequency] }
    : { ruleTypes: SIMPLE_RULE_TYPES, frequencies: RULE_FREQUENCIES };
}

/** The state a (bound) schedule yields at `at`, as this server sees it. */
export function serverStateAt(schedule: Schedule, at: Date, customerState: string | undefined): TestScheduleResponse {
  const rules = schedule.rules.flatMap((rule) => {
    if ((rule.simpleRuleType as string) === NEWER_SERVER.ruleType) return []; // the sandbox's holiday calendar is empty
    let seen = rule;
    if (seen.simpleRuleType === 'CustomerState' && customerState !== undefined && seen.customerState === customerState) seen = { ...seen, simpleRuleType: 'Always' };
    if ((seen.frequency as string) === NEWER_SERVER.frequency) seen = { ...seen, frequency: 'Monthly', interval: Math.max(1, seen.interval) * 3 };
    return [seen];
  });
  const result = evaluateSchedule({ ...schedule, rules }, at);
  return { stateName: result.stateName, timeZoneId: result.timeZoneId };
}

/** TestSchedule's `dateTime` (ISO; without an offset it is wall time in the schedule's zone). */
export function readDateTime(raw: string, schedule: Schedule): Date | undefined {
  return parseScheduleDateTime(raw, schedule);
}

/** A schedule bound the way ServiceStack binds `Schedule` (see the header); throws a 400 on an unknown enum member. */
export function bindSchedule(raw: unknown, vocabulary: Vocabulary): Schedule {
  if (!isObject(raw)) throw bindingError('Schedule', raw);
  const rules = listOf(bodyField(raw, 'rules'), 'Rules').map((r) => bindRule(r, vocabulary));
  return newSchedule({
    timeZoneId: text(bodyField(raw, 'timeZoneId')),
    inherit: flag(bodyField(raw, 'inherit'), 'Inherit'),
    forceClosed: flag(bodyField(raw, 'forceClosed'), 'ForceClosed'),
    rules,
    defaultState: text(bodyField(raw, 'defaultState')),
  });
}

/** The string members and int lists of SchedulingRule (the rest are bound one by one below). */
const RULE_TEXTS = ['id', 'name', 'state', 'source', 'condition', 'customerState', 'flowId', 'startDate', 'startTime', 'endTime', 'untilDate'] as const;
const RULE_INT_LISTS = ['bySetPosition', 'byMonth', 'byWeekNo', 'byYearDay', 'byMonthDay', 'byHour', 'byMinute'] as const;

function bindRule(raw: unknown, vocabulary: Vocabulary): SchedulingRule {
  if (!isObject(raw)) throw bindingError('Rules', raw);
  const f = (name: string) => bodyField(raw, name);
  const texts = Object.fromEntries(RULE_TEXTS.map((name) => [name, text(f(name))]));
  const intLists = Object.fromEntries(RULE_INT_LISTS.map((name) => [name, listOf(f(name), pascal(name)).map((n) => whole(n, pascal(name)) ?? 0)]));
  return newSchedulingRule({
    ...texts,
    ...intLists,
    priority: whole(f('priority'), 'Priority'),
    simpleRuleType: member(f('simpleRuleType'), vocabulary.ruleTypes, 'SimpleRuleType') as SchedulingRule['simpleRuleType'] | undefined,
    isAllDay: flag(f('isAllDay'), 'IsAllDay'),
    byDay: listOf(f('byDay'), 'ByDay').map(bindDay),
    interval: whole(f('interval'), 'Interval'),
    count: whole(f('count'), 'Count'),
    frequency: member(f('frequency'), vocabulary.frequencies, 'Frequency') as SchedulingRule['frequency'] | undefined,
  });
}

function bindDay(raw: unknown): ScheduleDay {
  if (!isObject(raw)) throw bindingError('ByDay', raw);
  const dayOfWeek = (member(bodyField(raw, 'dayOfWeek'), DAYS_OF_WEEK, 'DayOfWeek') ?? 'Sunday') as ScheduleDay['dayOfWeek'];
  return { offset: whole(bodyField(raw, 'offset'), 'Offset') ?? 0, dayOfWeek };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function listOf(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw bindingError(field, value);
  return value;
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function flag(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw bindingError(field, value);
}

function whole(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n)) return n;
  throw bindingError(field, value);
}

/** An enum member by name (any case) or ordinal, as its canonical name. */
function member(value: unknown, names: readonly string[], field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const found = typeof value === 'number' ? names[value] : typeof value === 'string' ? names.find((n) => n.toLowerCase() === value.trim().toLowerCase()) : undefined;
  if (found === undefined) throw bindingError(field, value);
  return found;
}

const bindingError = (field: string, value: unknown) => bindingFailed('TestSchedule', field, value);
