/* Public API of the shared schedule semantics (sandbox TestSchedule, console schedule view). */
export { evaluateSchedule, rulesInEvaluationOrder, ruleKind, timeWindowOf, defaultStateOf } from './evaluate';
export type { ScheduleEvaluation, RuleKind, TimeWindow } from './evaluate';
export { resolveTimeZone, defaultTimeZone } from './time-zones';
export type { ResolvedTimeZone } from './time-zones';
