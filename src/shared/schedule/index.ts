/* Public API of the shared schedule semantics: one evaluator for the sandbox's TestSchedule and the
 * console's schedule view (descriptions, week picture, colours, agreement with the server). */
export { evaluateSchedule, rulesInEvaluationOrder, ruleKind, timeWindowOf, defaultStateOf } from './evaluate';
export type { ScheduleEvaluation, RuleKind, TimeWindow } from './evaluate';
export { resolveTimeZone, defaultTimeZone } from './time-zones';
export type { ResolvedTimeZone } from './time-zones';
export { describeSchedule, describeRule, describeWhen, describeTimeZone, describeDefaultState, describeForceClosed, describeInherit } from './describe';
export type { ScheduleDescription } from './describe';
export { weekGrid, weekStartOf } from './week';
export type { WeekGrid, WeekGridDay, WeekGridSlot } from './week';
export { stateColor, stateTextColor, STATE_PALETTE } from './colors';
export { agreesWithServer, sameStateName } from './agreement';
export { parseScheduleDateTime, formatInScheduleZone } from './instant';
