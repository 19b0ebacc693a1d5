/* The state of a Schedule at an instant: the one evaluator behind the sandbox's TestSchedule and the
 * console's week picture. Semantics (unconfirmed parts read from EVO_ASSUMPTIONS):
 * forceClosed wins; otherwise rules in priority order, first match wins; defaultState otherwise.
 * Time windows are local wall-clock time in the schedule's zone (see assumptions.scheduleDstMode).
 *
 * Rules this console cannot fully read (a type, frequency or day it does not know, an unreadable
 * time or date, parts set aside when the schedule was received) never match here. When such a rule
 * comes before the decision, the answer may be wrong: the evaluation lists why in `doubts`, and
 * the week picture is marked possibly incomplete. */
import { DateTime } from 'luxon';
import type { KnownRuleType, Schedule, SchedulingRule } from '../evo/schemas';
import { SIMPLE_SCHEDULING_RULE_TYPES } from '../evo/schemas';
import { EVO_ASSUMPTIONS } from '../evo/assumptions';
import { setAsideNotes } from '../evo/tolerant';
import { dayNumber, parseTime } from './civil';
import { occursOn, readRecurrence } from './recurrence';
import { resolveTimeZone } from './time-zones';

export interface ScheduleEvaluation {
  stateName: string;
  /** The schedule's `timeZoneId` as given (what TestSchedule echoes), or the default zone when unset. */
  timeZoneId: string;
  /** The rule that decided the state; absent for forceClosed and the default state. */
  matchedRule?: SchedulingRule;
  /** Why this state: force-closed, a rule, or the default. */
  decidedBy: 'forceClosed' | 'rule' | 'default';
  /** IANA zone actually used. */
  zone: string;
  /** False when `timeZoneId` was not understood and the default zone was used instead. */
  zoneRecognised: boolean;
  /** Why the answer may be wrong (rules considered before the decision that this console cannot
   *  read fully); empty when it can be trusted as far as the assumptions go. */
  doubts: string[];
}

/** A wall-clock reading in the schedule's zone: the local date as a day number, minutes after midnight. */
export interface LocalMoment {
  day: number;
  minute: number;
}

export function evaluateSchedule(schedule: Schedule, at: Date): ScheduleEvaluation {
  const tz = resolveTimeZone(schedule.timeZoneId);
  // TestSchedule echoes the id exactly as stored; only an unset id is replaced by the zone used.
  const base = { timeZoneId: tz.given !== undefined ? (schedule.timeZoneId as string) : tz.zone, zone: tz.zone, zoneRecognised: tz.recognised };
  if (schedule.forceClosed) return { ...base, stateName: EVO_ASSUMPTIONS.forceClosedStateName, decidedBy: 'forceClosed', doubts: [] };
  // Rules left out when the schedule was received could have been anywhere in the order.
  const doubts = setAsideNotes(schedule).some((n) => n.field.startsWith('rules')) ? ['a rule that could not be read'] : [];
  const local = localMoment(at, tz.zone);
  for (const rule of rulesInEvaluationOrder(schedule.rules)) {
    for (const doubt of ruleDoubts(rule)) if (!doubts.includes(doubt)) doubts.push(doubt);
    if (ruleMatches(rule, local)) return { ...base, stateName: rule.state as string, matchedRule: rule, decidedBy: 'rule', doubts };
  }
  return { ...base, stateName: defaultStateOf(schedule), decidedBy: 'default', doubts };
}

/** Why this rule may behave differently on the server than here (empty: no reason known). */
export function ruleDoubts(rule: SchedulingRule): string[] {
  const doubts: string[] = [];
  const kind = ruleKind(rule);
  if (kind === 'Unknown') doubts.push(`a rule of a type this console does not know (${String(rule.simpleRuleType)})`);
  if (kind === 'Time') {
    const window = timeWindowOf(rule);
    if ('unreadable' in window) doubts.push(`a rule with an unreadable ${window.unreadable}`);
    const rec = readRecurrence(rule);
    if (rec.unknownFrequency !== undefined) doubts.push(`a rule with a frequency this console does not know (${rec.unknownFrequency})`);
    if (rec.unreadableDays.length > 0) doubts.push(`a rule with a day this console does not know (${rec.unreadableDays.join(', ')})`);
    if (rec.unreadableDates) doubts.push('a rule with an unreadable start or end date');
  }
  if (setAsideNotes(rule).length > 0) doubts.push('a rule with parts that could not be read');
  return doubts;
}

export function defaultStateOf(schedule: Schedule): string {
  const state = schedule.defaultState?.trim();
  return state ? schedule.defaultState as string : EVO_ASSUMPTIONS.scheduleFallbackState;
}

export function localMoment(at: Date, zone: string): LocalMoment {
  if (Number.isNaN(at.getTime())) throw new RangeError('evaluateSchedule: invalid Date');
  const local = DateTime.fromJSDate(at, { zone });
  return { day: dayNumber(local.year, local.month, local.day), minute: local.hour * 60 + local.minute };
}

/** Rules sorted by priority (direction from assumptions); ties and missing priorities keep list order. */
export function rulesInEvaluationOrder(rules: readonly SchedulingRule[] | null | undefined): SchedulingRule[] {
  const lowerFirst = EVO_ASSUMPTIONS.lowerPriorityWins;
  const missingLast = EVO_ASSUMPTIONS.missingPriorityEvaluatedLast;
  return (rules ?? [])
    .filter((r): r is SchedulingRule => r !== null && typeof r === 'object')
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => {
      const pa = typeof a.rule.priority === 'number' ? a.rule.priority : undefined;
      const pb = typeof b.rule.priority === 'number' ? b.rule.priority : undefined;
      if (pa === undefined || pb === undefined) {
        if (pa === pb) return a.index - b.index;
        return (pa === undefined ? 1 : -1) * (missingLast ? 1 : -1);
      }
      if (pa !== pb) return lowerFirst ? pa - pb : pb - pa;
      return a.index - b.index;
    })
    .map((x) => x.rule);
}

/** The rule's type; 'Unknown' for a type this console does not know (see rule.simpleRuleType). */
export type RuleKind = KnownRuleType | 'Unknown';

export function ruleKind(rule: SchedulingRule): RuleKind {
  const type = rule.simpleRuleType ?? EVO_ASSUMPTIONS.missingRuleTypeMeans;
  return (SIMPLE_SCHEDULING_RULE_TYPES as readonly string[]).includes(type) ? (type as KnownRuleType) : 'Unknown';
}

export type TimeWindow = { allDay: true } | { allDay: false; start: number; end: number } | { unreadable: string };

/** The daily window of a Time rule in minutes; end is exclusive, end <= start spans midnight. */
export function timeWindowOf(rule: SchedulingRule): TimeWindow {
  const hasStart = !!rule.startTime?.trim();
  const hasEnd = !!rule.endTime?.trim();
  if (rule.isAllDay || (!hasStart && !hasEnd && EVO_ASSUMPTIONS.missingTimesMeanAllDay)) return { allDay: true };
  const start = hasStart ? parseTime(rule.startTime) : 0;
  const end = hasEnd ? parseTime(rule.endTime) : 24 * 60;
  if (start === undefined || start >= 24 * 60) return { unreadable: `startTime "${rule.startTime}", expected ${EVO_ASSUMPTIONS.timeFormat}` };
  if (end === undefined) return { unreadable: `endTime "${rule.endTime}", expected ${EVO_ASSUMPTIONS.timeFormat}` };
  return { allDay: false, start, end };
}

export function ruleMatches(rule: SchedulingRule, local: LocalMoment): boolean {
  if (EVO_ASSUMPTIONS.ruleWithoutStateIsSkipped && !rule.state?.trim()) return false;
  switch (ruleKind(rule)) {
    case 'Always':
      return true;
    case 'CustomerState':
      return EVO_ASSUMPTIONS.customerStateRulesMatchWithoutState;
    case 'Time':
      return timeRuleMatches(rule, local);
    case 'Unknown':
      return false;
  }
}

function timeRuleMatches(rule: SchedulingRule, { day, minute }: LocalMoment): boolean {
  const window = timeWindowOf(rule);
  if ('unreadable' in window) return false;
  const recurrence = readRecurrence(rule);
  if (window.allDay) return occursOn(recurrence, day);
  const { start, end } = window;
  if (start < end) return minute >= start && minute < end && occursOn(recurrence, day);
  // Spans midnight: the part after midnight belongs to the previous day's occurrence.
  return (minute >= start && occursOn(recurrence, day)) || (minute < end && occursOn(recurrence, day - 1));
}
